using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// The webhook mutates NEW pods only (DOMAIN.md): pods started before the annotation changed carry no IRSA env (silent
/// node-role fallback) or an old AWS_ROLE_ARN; pods with Pod Identity env but no association lost their association.
/// Pods still on IRSA while a same-role association exists are a pending restart, not stale.
/// </summary>
internal sealed class StalePodEnvRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null) yield break;
        var stale = new List<string>();
        foreach (var p in b.Pods.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var started = p.StartedAt is { } s ? $" started {s:yyyy-MM-ddTHH:mm:ssZ}" : "";
            switch (p.CredentialMode)
            {
                case CredentialMode.Irsa when p.InjectedRoleArn is { } injected && !string.Equals(injected, b.Arn.Value, StringComparison.Ordinal):
                    stale.Add($"pod {p.Name}{started} has AWS_ROLE_ARN={injected}");
                    break;
                case CredentialMode.None when b.Workloads.All(w => w.HardCodedAwsEnv.Count == 0):
                    var before = p.StartedAt is { } st && b.ServiceAccount.AnnotationChangedAt is { } ch && st < ch
                        ? $" before the annotation changed at {ch:yyyy-MM-ddTHH:mm:ssZ}" : "";
                    stale.Add($"pod {p.Name}{started}{before} has no AWS credential env (falls back to the node role)");
                    break;
                case CredentialMode.PodIdentity when b.Associations.Count == 0:
                    stale.Add($"pod {p.Name}{started} has Pod Identity env but no association exists for the ServiceAccount");
                    break;
            }
        }
        if (stale.Count == 0) yield break;
        yield return new Finding(ReasonCodes.StalePodEnv,
            "Running pods carry credentials that do not match the annotation",
            $"{stale.Count} of {b.Pods.Count} pods of {b.Key.Display} are stale (annotation {b.Arn.Value}): {BindingContext.List(stale)}",
            "Restart the workloads (kubectl rollout restart) so the webhook injects the current credentials, then re-run the inventory.");
    }
}
