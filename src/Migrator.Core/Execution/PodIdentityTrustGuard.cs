using Migrator.Core.Assessment;
using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>
/// Before a cleanup step removes an IRSA leftover (annotation, trust subject), the Pod Identity path must work now:
/// an association to the step's role, and the association's role read live trusting pods.eks.amazonaws.com for
/// sts:AssumeRole + sts:TagSession with this binding's session tags; with a targetRoleArn, the target role read live
/// trusting the source role (sts:AssumeRole + sts:TagSession, or sts:ExternalId under disableSessionTags). The trust
/// engine decides through the assessment's own seam (<see cref="TrustEngineReader"/>, <see cref="RoleChainQuery"/>), so
/// the re-check and the audit judge a role and a chain alike. Otherwise IRSA is the only credential path left: the step
/// fails, journalled, and the binding stops. While a running pod of the binding still carries the IRSA env (bare Pods
/// and Jobs are recreated by hand) the step waits, journalled.
/// </summary>
internal static class PodIdentityTrustGuard
{
    /// <summary>Null when the leftovers may go; otherwise the journalled failure or wait to return.</summary>
    public static async Task<StepResult?> RefuseAsync(ExecutionScope s, PlanStep step, int phase, IReadOnlyList<AssociationDescription> associations, CancellationToken ct)
    {
        var key = step.Binding!;
        var association = associations.FirstOrDefault(a => a.RoleArn == step.RoleArn || a.TargetRoleArn == step.RoleArn);
        string? document = null;
        string? problem;
        if (association is null)
        {
            problem = $"no association of {key.Display} to {step.RoleArn}";
        }
        else
        {
            var role = await s.Iam(t => s.Ports.Iam.GetRoleAsync(RoleArns.AccountOf(association.RoleArn), RoleArns.NameOf(association.RoleArn), t), ct);
            document = role?.TrustPolicy;
            problem = Problem(key, association, role is null, document);
            if (problem is null && association.TargetRoleArn is { } target)
                problem = await ChainProblemAsync(s, key, association, target, ct);
        }
        if (problem is null && await PodsStillOnIrsaAsync(s, key, ct) is { } stale)
        {
            // Not a failure: the cleanup waits for the recreation by hand, like a soak, and a later run continues.
            var wait = $"waiting: {stale}; IRSA leftovers kept until then";
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Manual, Message = wait }, ct);
            return new StepResult(BindingResult.NotStarted, wait, []);
        }
        if (problem is null)
            return null;
        var message = $"Pod Identity cannot serve {key.Display}: {problem}; IRSA leftovers kept (they are the only working credential path), binding stopped";
        await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Failed, Before = document, Message = message }, ct);
        return StepResult.Fail(message);
    }

    /// <summary>
    /// Running pods that still carry the IRSA env (bare Pods and Jobs recreated by hand, a restart not rolled out) call
    /// AssumeRoleWithWebIdentity with the annotation's role: removing the leftovers would cut them off.
    /// </summary>
    private static async Task<string?> PodsStillOnIrsaAsync(ExecutionScope s, Inventory.BindingKey key, CancellationToken ct)
    {
        var stale = (await Pods.OfBindingAsync(s, key, ct)).Where(p => !p.Finished && Pods.OnIrsa(p)).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        return stale.Count == 0 ? null
            : $"{stale.Count} pod(s) still use IRSA ({string.Join(", ", stale.Take(5))}{(stale.Count > 5 ? ", ..." : "")}): recreate them so they get Pod Identity, then run the cleanup again";
    }

    private static string? Problem(BindingKey key, AssociationDescription association, bool roleMissing, string? document)
    {
        if (roleMissing)
            return $"the association's role {association.RoleArn} does not exist";
        if (document is null || TrustEngineReader.Instance.Read(document).Trust is not { } trust)
            return $"the trust policy of {association.RoleArn} could not be read or parsed";
        var verdict = trust.EvaluatePodIdentity(PodIdentityQuery.For(key, !association.DisableSessionTags));
        return verdict.Allowed ? null : $"the trust policy of {association.RoleArn} does not admit it ({verdict.Summary})";
    }

    /// <summary>The association's targetRoleArn chain read live: the target role exists and its trust admits the source role.</summary>
    private static async Task<string?> ChainProblemAsync(ExecutionScope s, BindingKey key, AssociationDescription association, string targetArn, CancellationToken ct)
    {
        var broken = $"the association's targetRoleArn chain {association.RoleArn} → {targetArn} is broken";
        if (!RoleArn.TryParse(targetArn, out var target, out var invalid) || target is null)
            return $"{broken}: targetRoleArn '{targetArn}' is not a role ARN: {invalid}";
        var role = await s.Iam(t => s.Ports.Iam.GetRoleAsync(target.AccountId, target.Name, t), ct);
        if (role is null)
            return $"{broken}: the target role does not exist";
        if (role.TrustPolicy is not { } document || TrustEngineReader.Instance.Read(document).Trust is not { } trust)
            return $"{broken}: the trust policy of the target role could not be read or parsed";
        var verdict = trust.EvaluateRoleChain(RoleChainQuery.For(association.RoleArn, key, !association.DisableSessionTags));
        return verdict.Allowed ? null : $"{broken}: the target role's trust does not admit the source role ({verdict.Summary})";
    }
}
