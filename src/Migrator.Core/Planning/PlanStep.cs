using System.Text.Json.Serialization;
using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Planning;

/// <summary>
/// One action of a phase; one sealed type per <see cref="StepKind"/> (Planning/Steps), written to plan JSON with its
/// kind as the "kind" discriminator. Plan mode is the default: every step says what it would do (<see cref="Describe"/>)
/// and the exact API calls it would make (<see cref="ApiCalls"/>), as eksctl's TaskTree does in plan mode. How a step
/// runs, reconciles after a crash and is undone lives with its runner in Execution/Steps.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(EnsurePodIdentityAgentStep), nameof(StepKind.EnsurePodIdentityAgent))]
[JsonDerivedType(typeof(AddPodIdentityTrustStep), nameof(StepKind.AddPodIdentityTrust))]
[JsonDerivedType(typeof(CreateAssociationStep), nameof(StepKind.CreateAssociation))]
[JsonDerivedType(typeof(UpdateAddonAssociationStep), nameof(StepKind.UpdateAddonAssociation))]
[JsonDerivedType(typeof(RestartWorkloadStep), nameof(StepKind.RestartWorkload))]
[JsonDerivedType(typeof(ManualRestartStep), nameof(StepKind.ManualRestart))]
[JsonDerivedType(typeof(VerifyPodIdentityStep), nameof(StepKind.VerifyPodIdentity))]
[JsonDerivedType(typeof(RemoveIrsaAnnotationsStep), nameof(StepKind.RemoveIrsaAnnotations))]
[JsonDerivedType(typeof(RemoveIrsaTrustSubjectStep), nameof(StepKind.RemoveIrsaTrustSubject))]
[JsonDerivedType(typeof(PodIdentityTrustChangeSetStep), nameof(StepKind.PodIdentityTrustChangeSet))]
[JsonDerivedType(typeof(AssociationChangeSetStep), nameof(StepKind.AssociationChangeSet))]
[JsonDerivedType(typeof(AnnotationsChangeSetStep), nameof(StepKind.AnnotationsChangeSet))]
[JsonDerivedType(typeof(TrustSubjectChangeSetStep), nameof(StepKind.TrustSubjectChangeSet))]
public abstract record PlanStep
{
    private protected PlanStep(StepKind kind) => Kind = kind;

    /// <summary>Stable within a plan (the journal's key): e.g. "p2/assoc/ACCT/REGION/CLUSTER/NS/SA".</summary>
    public required string Id { get; init; }

    /// <summary>Fixed by the step's type; written as the "kind" discriminator.</summary>
    [JsonIgnore]
    public StepKind Kind { get; }

    public required ClusterRef Cluster { get; init; }

    /// <summary>The binding this step belongs to; null for cluster steps (agent) and role steps (trust add).</summary>
    public BindingKey? Binding { get; init; }

    public string? RoleArn { get; init; }

    public string? Note { get; init; }

    /// <summary>True when running the step changes AWS or a cluster.</summary>
    [JsonIgnore]
    public virtual bool Mutates => true;

    /// <summary>The bindings this step serves (a trust step serves every binding of its role in the phase).</summary>
    [JsonIgnore]
    public virtual IEnumerable<BindingKey> ServedBindings => Binding is null ? [] : [Binding];

    /// <summary>"would ..." in plan mode.</summary>
    public abstract string Describe();

    /// <summary>The equivalent aws/kubectl calls.</summary>
    public abstract IReadOnlyList<string> ApiCalls();

    /// <summary>The kind a step type is written with: its <see cref="JsonDerivedTypeAttribute"/> discriminator above.</summary>
    public static StepKind KindOf(Type stepType) =>
        Enum.Parse<StepKind>((string)(typeof(PlanStep).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false).Cast<JsonDerivedTypeAttribute>()
            .SingleOrDefault(a => a.DerivedType == stepType)?.TypeDiscriminator ?? throw new ArgumentException($"{stepType.Name} is not a plan step type", nameof(stepType))));

    /// <summary>"aws eks --region REGION" for this step's cluster.</summary>
    private protected string Eks => $"aws eks --region {Cluster.Region}";

    /// <summary>The binding as the CLI names it, or the cluster for cluster steps.</summary>
    private protected string Who => Binding is null ? Cluster.Key : Binding.Display;
}
