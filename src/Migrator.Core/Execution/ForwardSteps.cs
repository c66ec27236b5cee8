using Migrator.Core.Execution.Steps;
using Migrator.Core.Planning;

namespace Migrator.Core.Execution;

/// <summary>Runs plan steps of one run, each by the runner of its kind (Execution/Steps).</summary>
internal sealed class ForwardSteps(ExecutionScope s)
{
    public Task<StepResult> RunAsync(PlanStep step, int phase, CancellationToken ct) => StepRunners.For(step.Kind).RunAsync(s, step, phase, ct);
}
