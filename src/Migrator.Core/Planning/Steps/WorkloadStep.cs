using Migrator.Core.Assessment;

namespace Migrator.Core.Planning.Steps;

/// <summary>A step about one workload of the binding: restarted by the tool, or left to a human.</summary>
public abstract record WorkloadStep : BindingStep
{
    private protected WorkloadStep(StepKind kind)
        : base(kind)
    {
    }

    public required WorkloadRef Workload { get; init; }

    /// <summary>"KIND NAMESPACE/NAME".</summary>
    private protected string Named => $"{Workload.Kind} {Workload.Namespace}/{Workload.Name}";

    /// <summary>"kind/name" as kubectl takes it.</summary>
    private protected string Resource => $"{Workload.Kind.ToString().ToLowerInvariant()}/{Workload.Name}";
}
