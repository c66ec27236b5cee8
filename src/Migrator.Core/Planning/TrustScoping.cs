using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Trust;

namespace Migrator.Core.Planning;

/// <summary>
/// Computes each role's Pod Identity trust rewrite at planning time, phase after phase as the executor will write
/// them, from the trust policy the inventory read. A trust step records the scope it will write (exact unless
/// Planning:TrustWidening allowed and the size limit forced a wider one), so what is approved is what is written.
/// A role whose rewrite fails (exact scope over the size limit with widening refused, an explicit Deny, ...) is
/// reported so the planner leaves its bindings out, with the reason, instead of failing or widening at execution.
/// </summary>
internal static class TrustScoping
{
    public static (List<Phase> Phases, Dictionary<string, string> Refused) Apply(IReadOnlyList<Phase> phases, IReadOnlyDictionary<string, RoleRecord> roles, PlanningSettings settings)
    {
        var options = Options(settings);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<Phase>();
        foreach (var phase in phases)
        {
            if (phase.Kind is not (PhaseKind.Canary or PhaseKind.Wave))
            {
                result.Add(phase);
                continue;
            }
            var steps = new List<PlanStep>();
            foreach (var step in phase.Steps)
            {
                if (step is not AddPodIdentityTrustStep trust || refused.ContainsKey(step.RoleArn!))
                {
                    steps.Add(step);
                    continue;
                }
                var arn = step.RoleArn!;
                var document = documents.TryGetValue(arn, out var d) ? d : roles.TryGetValue(arn, out var r) ? r.TrustPolicy : null;
                if (document is null)
                {
                    // Not inventoried: the executor refuses the step ("re-run the inventory"); nothing to compute.
                    steps.Add(step);
                    continue;
                }
                var rewrite = TrustPolicyRewriter.AddPodIdentityTrust(document, Bindings(trust.Bindings), options);
                if (!rewrite.Success)
                {
                    refused[arn] = $"planner: Pod Identity trust for role {arn} cannot be written as planned ({phase.Title}): {rewrite.Error}";
                    steps.Add(step);
                    continue;
                }
                documents[arn] = rewrite.Document;
                steps.Add(trust with { TrustScope = rewrite.Scope ?? (settings.ScopedTrust ? PodIdentityScope.ServiceAccount : PodIdentityScope.Unscoped) });
            }
            result.Add(phase with { Steps = steps });
        }
        return (result, refused);
    }

    /// <summary>The rewrite options of a plan: its scoping, size limit and widening.</summary>
    public static TrustRewriteOptions Options(PlanningSettings settings) => new()
    {
        Scoped = settings.ScopedTrust,
        SizeLimit = settings.TrustSizeLimit,
        Widest = settings.TrustWidening.Widest(),
    };

    public static List<PodIdentityBinding> Bindings(IEnumerable<BindingKey> keys) =>
        keys.Select(k => new PodIdentityBinding(k.Cluster.Arn, k.Namespace, k.ServiceAccount)).ToList();
}
