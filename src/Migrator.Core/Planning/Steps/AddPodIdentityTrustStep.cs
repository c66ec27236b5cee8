using Migrator.Core.Inventory;
using Migrator.Core.Trust;

namespace Migrator.Core.Planning.Steps;

/// <summary>
/// The pods.eks.amazonaws.com statement for this phase's bindings of one role: one write per role per phase, shared by
/// the role's bindings.
/// </summary>
public sealed record AddPodIdentityTrustStep() : PlanStep(StepKind.AddPodIdentityTrust)
{
    /// <summary>Every binding of the role in this phase.</summary>
    public IReadOnlyList<BindingKey> Bindings { get; init; } = [];

    /// <summary>
    /// The scope planned (and so approved) for the bindings' new statements; the executor never writes wider. Null in
    /// plans made before it was recorded: exact, or unscoped when the plan's trust is unscoped.
    /// </summary>
    public PodIdentityScope? TrustScope { get; init; }

    public override IEnumerable<BindingKey> ServedBindings => Bindings;

    /// <summary>The scope this step was approved with (see <see cref="TrustScope"/>).</summary>
    public PodIdentityScope ApprovedTrustScope(PlanningSettings settings) =>
        TrustScope ?? (settings.ScopedTrust ? PodIdentityScope.ServiceAccount : PodIdentityScope.Unscoped);

    public override string Describe()
    {
        var exact = string.Join(", ", Bindings.Select(b => b.Display));
        return TrustScope switch
        {
            null or PodIdentityScope.ServiceAccount => $"would add pods.eks.amazonaws.com to the trust policy of {RoleArn}, scoped by session tags to {exact}",
            PodIdentityScope.Unscoped => $"would add pods.eks.amazonaws.com to the trust policy of {RoleArn} UNSCOPED (no session-tag condition: any association in account {RoleArns.AccountOf(RoleArn!)} that names the role can use it) for {exact}",
            PodIdentityScope scope => $"would add pods.eks.amazonaws.com to the trust policy of {RoleArn}, WIDENED to {TrustPolicyRewriter.Display(Bindings.Select(b => new PodIdentityBinding(b.Cluster.Arn, b.Namespace, b.ServiceAccount)), scope)} ({scope.Describe()}: any service account there, not only {exact}) because the exact scope is over the trust size limit",
        };
    }

    public override IReadOnlyList<string> ApiCalls() => RoleTrustCalls.For(RoleArn!);
}
