using System.Text.Json.Serialization;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>
/// One action of a phase. Plan mode is the default: every step can say what it would do (<see cref="Describe"/>)
/// and the exact API calls it would make (<see cref="ApiCalls"/>), as eksctl's TaskTree does in plan mode.
/// </summary>
public sealed record PlanStep
{
    /// <summary>Stable within a plan (the journal's key): e.g. "p2/assoc/ACCT/REGION/CLUSTER/NS/SA".</summary>
    public required string Id { get; init; }
    public required StepKind Kind { get; init; }
    public required ClusterRef Cluster { get; init; }
    /// <summary>The binding this step belongs to; null for cluster steps (agent) and role steps (trust add).</summary>
    public BindingKey? Binding { get; init; }
    public string? RoleArn { get; init; }
    /// <summary>For AddPodIdentityTrust: every binding of the role in this phase (one write per role per phase).</summary>
    public IReadOnlyList<BindingKey> Bindings { get; init; } = [];
    public string? AddonName { get; init; }
    public WorkloadRef? Workload { get; init; }
    /// <summary>For RemoveIrsaTrustSubject: the issuer host/path of this binding's cluster.</summary>
    public string? Issuer { get; init; }
    public string? Note { get; init; }
    /// <summary>
    /// For AddPodIdentityTrust: the scope planned (and so approved) for the bindings' new statements; the executor never
    /// writes wider. Null in plans made before it was recorded: exact, or unscoped when the plan's trust is unscoped.
    /// </summary>
    public Trust.PodIdentityScope? TrustScope { get; init; }

    /// <summary>The scope an AddPodIdentityTrust step was approved with (see <see cref="TrustScope"/>).</summary>
    public Trust.PodIdentityScope ApprovedTrustScope(PlanningSettings settings) =>
        TrustScope ?? (settings.ScopedTrust ? Trust.PodIdentityScope.ServiceAccount : Trust.PodIdentityScope.Unscoped);

    /// <summary>True when running the step changes AWS or a cluster.</summary>
    [JsonIgnore]
    public bool Mutates => Kind is not (StepKind.ManualRestart or StepKind.VerifyPodIdentity);

    /// <summary>The bindings this step serves (a trust step serves every binding of its role in the phase).</summary>
    [JsonIgnore]
    public IEnumerable<BindingKey> ServedBindings => Binding is not null ? [Binding] : Bindings;

    public string Describe() => StepDescriber.Describe(this);

    public IReadOnlyList<string> ApiCalls() => StepDescriber.ApiCalls(this);
}
