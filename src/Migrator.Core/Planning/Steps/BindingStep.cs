using System.Text.Json.Serialization;
using Migrator.Core.Inventory;

namespace Migrator.Core.Planning.Steps;

/// <summary>A step of one binding: its <see cref="PlanStep.Binding"/> is always set.</summary>
public abstract record BindingStep : PlanStep
{
    private protected BindingStep(StepKind kind)
        : base(kind)
    {
    }

    [JsonIgnore]
    public BindingKey Key => Binding ?? throw new InvalidOperationException($"plan step {Id} ({Kind}) has no binding; the plan is damaged: re-create it");
}
