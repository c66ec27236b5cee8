using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Text;
using Migrator.Core.Trust;

namespace Migrator.Core.Planning;

/// <summary>
/// Computes each role's Pod Identity trust rewrite at planning time, phase after phase as the executor will write
/// them, from the trust policy the inventory read. A trust step records the scope it will write (exact unless
/// Planning:TrustWidening allowed and the size limit forced a wider one), so what is approved is what is written.
/// A role whose rewrite fails (exact scope over the size limit with widening refused, an explicit Deny, ...) is
/// reported so the planner leaves its bindings out, with the reason, instead of failing or widening at execution.
/// One instance walks one plan's migration phases in order: it carries each role's document as rewritten so far, and
/// keeps only the scopes decided (by phase and role), so the phases' steps need not stay in memory.
/// </summary>
/// <param name="trustPolicies">The inventoried trust policy of each role, by ARN (compacted: expanded when a role's first trust step is walked).</param>
internal sealed class TrustScoping(IReadOnlyDictionary<string, CompactText> trustPolicies, PlanningSettings settings)
{
    private readonly TrustRewriteOptions _options = Options(settings);
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);
    // By phase number and role ARN (a trust step's id is built from both): the ARN strings are the plan's own, so the
    // scopes decided cost no string each (29,000 step ids at 100x).
    private readonly Dictionary<(int Phase, string RoleArn), PodIdentityScope> _scopes = new();

    /// <summary>Roles whose rewrite failed, with the reason (their later trust steps are not computed).</summary>
    public Dictionary<string, string> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>Computes the rewrites of one migration phase's trust steps (phases in plan order).</summary>
    public void Walk(Phase phase)
    {
        foreach (var trust in phase.Steps.OfType<AddPodIdentityTrustStep>())
        {
            var arn = trust.RoleArn!;
            if (Refused.ContainsKey(arn)) continue;
            var document = _documents.TryGetValue(arn, out var d) ? d : trustPolicies.TryGetValue(arn, out var t) ? t.ToString() : null;
            // Not inventoried: the executor refuses the step ("re-run the inventory"); nothing to compute.
            if (document is null) continue;
            var rewrite = TrustPolicyRewriter.AddPodIdentityTrust(document, Bindings(trust.Bindings), _options);
            if (!rewrite.Success)
            {
                Refused[arn] = $"planner: Pod Identity trust for role {arn} cannot be written as planned ({phase.Title}): {rewrite.Error}";
                continue;
            }
            _documents[arn] = rewrite.Document;
            _scopes[(phase.Number, arn)] = rewrite.Scope ?? (settings.ScopedTrust ? PodIdentityScope.ServiceAccount : PodIdentityScope.Unscoped);
        }
    }

    /// <summary>
    /// These roles have no trust step in a later phase: their documents as rewritten so far are let go (a role whose
    /// document is asked for again after this would start from the inventoried policy, so only roles done are released).
    /// </summary>
    public void Release(IEnumerable<string> arns)
    {
        foreach (var arn in arns)
            _documents.Remove(arn);
    }

    /// <summary>
    /// Every migration phase is walked: the documents as rewritten so far (a policy per role, the largest thing
    /// planning holds) are let go; the scopes decided stay for <see cref="Apply"/>.
    /// </summary>
    public void Walked()
    {
        _documents.Clear();
        _documents.TrimExcess();
    }

    /// <summary>The phase with each trust step's scope as <see cref="Walk"/> decided it.</summary>
    public Phase Apply(Phase phase) => phase with
    {
        Steps = phase.Steps.Select(step => step is AddPodIdentityTrustStep { RoleArn: { } arn } trust && _scopes.TryGetValue((phase.Number, arn), out var scope) ? trust with { TrustScope = scope } : step).ToList(),
    };

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
