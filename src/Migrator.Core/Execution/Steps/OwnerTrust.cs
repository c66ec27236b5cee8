using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution.Steps;

/// <summary>Live trust questions of the change-set runners, answered by the trust engine as the assessment answers them.</summary>
internal static class OwnerTrust
{
    /// <summary>The role's live trust policy; null when the role is gone.</summary>
    public static async Task<string?> ReadAsync(ExecutionScope s, string roleArn, CancellationToken ct)
    {
        var role = s.Plan.FindRole(roleArn) ?? new PlannedRole(roleArn, RoleArns.AccountOf(roleArn), RoleArns.NameOf(roleArn), null);
        return await TrustWrites.ReadAsync(s, role, ct);
    }

    /// <summary>
    /// The document a new change-set for the role starts from: the newest change-set written for the role and not yet
    /// seen live, else the live document. An owner applies its whole configuration, so each change-set must carry the
    /// ones still pending: two changes computed from the same live document would undo each other (lost update).
    /// </summary>
    public static string Base(ExecutionScope s, string roleArn, string live)
    {
        var entries = s.View.Snapshot();
        var pending = entries.Where(e => e.RoleArn == roleArn && e.Status == JournalStatus.AwaitingExternalChange && e.IntendedAfter is not null
                && !entries.Any(x => x.StepId == e.StepId && x.Direction == e.Direction && x.Id > e.Id))
            .MaxBy(e => e.Id);
        return pending?.IntendedAfter ?? live;
    }

    /// <summary>The document admits the binding through EKS Pod Identity with session tags (sts:AssumeRole + sts:TagSession).</summary>
    public static bool AdmitsPodIdentity(string? document, BindingKey key) =>
        document is not null && TrustPolicyParser.Parse(document) is { Success: true, Policy: { } policy }
        && TrustEvaluator.EvaluatePodIdentity(policy, new PodIdentityRequest(key.Cluster.Arn, key.Namespace, key.ServiceAccount) { SessionTags = true }).Allowed;
}
