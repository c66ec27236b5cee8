using System.Text.Json.Serialization;
using Migrator.Core.Inventory;
using Migrator.Core.Ownership;

namespace Migrator.Core.Planning.Steps;

/// <summary>
/// A change made by the resource's owner instead of by us (change-set mode, issue 16): the step writes the exact change
/// for the owner (Terraform, eksctl/CloudFormation, Helm values, kustomize patch), journals it, and waits
/// (AwaitingExternalChange) until a live read shows it applied. It carries the direct step it stands for, with the same
/// id, so an approver can force that binding or owner to direct execution and a reverse change can be written on rollback.
/// </summary>
public abstract record ChangeSetStep : PlanStep
{
    private protected ChangeSetStep(StepKind kind)
        : base(kind)
    {
    }

    public required ResourceOwner Owner { get; init; }

    /// <summary>The step the owner's change stands for (same id); run as is when forced to direct.</summary>
    [JsonIgnore]
    public abstract PlanStep DirectStep { get; }

    public override IEnumerable<BindingKey> ServedBindings => DirectStep.ServedBindings;

    /// <summary>The binding of a binding-level change (association, annotations, trust subject).</summary>
    [JsonIgnore]
    public BindingKey Key => Binding ?? throw new InvalidOperationException($"plan step {Id} ({Kind}) has no binding; the plan is damaged: re-create it");

    public override string Describe() =>
        $"would write a change-set for {Owner.Display} ({Owner.Evidence}) and wait until it is applied; the change: {DirectStep.Describe().Replace("would ", "", StringComparison.Ordinal)}";

    public override IReadOnlyList<string> ApiCalls() =>
    [
        $"# write the change for {Owner.Display} under Execution:ChangeSetDirectory ({What}); the owner applies it",
        .. DirectStep.ApiCalls().Where(c => !c.Contains(" update-", StringComparison.Ordinal) && !c.Contains(" create-", StringComparison.Ordinal) && !c.Contains(" annotate ", StringComparison.Ordinal))
            .Select(c => c + "   # live read: applied yet?"),
    ];

    /// <summary>What the owner is asked to change, for the dry run.</summary>
    private protected abstract string What { get; }

    /// <summary>Copies the common fields of a direct step into a change-set step.</summary>
    internal static TStep From<TStep>(PlanStep direct, TStep step) where TStep : ChangeSetStep =>
        step with { Id = direct.Id, Cluster = direct.Cluster, Binding = direct.Binding, RoleArn = direct.RoleArn, Note = direct.Note };
}
