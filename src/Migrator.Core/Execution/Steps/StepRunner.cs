using Migrator.Core.Planning;

namespace Migrator.Core.Execution.Steps;

/// <summary>The typed side of <see cref="IStepRunner"/>: each runner sees its own step type.</summary>
internal abstract class StepRunner<TStep> : IStepRunner where TStep : PlanStep
{
    public StepKind Kind { get; } = PlanStep.KindOf(typeof(TStep));

    /// <summary>A step already in effect (done, not undone) is not run again: the runner answers <see cref="AlreadyDone"/>.</summary>
    public Task<StepResult> RunAsync(ExecutionScope s, PlanStep step, int phase, CancellationToken ct) =>
        AlreadyDone is { } done && s.View.InEffect(step.Id) ? Task.FromResult(StepResult.Success(done)) : RunAsync(s, (TStep)step, phase, ct);

    public Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, CancellationToken ct) => UndoAsync(s, undo, UndoRequest.StepOf<TStep>(s, undo.Entry), ct);

    /// <summary>What a step already in effect answers; null when the runner always runs (it checks the live state itself).</summary>
    protected virtual string? AlreadyDone => "already done";

    protected abstract Task<StepResult> RunAsync(ExecutionScope s, TStep step, int phase, CancellationToken ct);

    /// <summary>Undoes one forward entry; <paramref name="step"/> is null when the plan no longer has the entry's step.</summary>
    protected virtual Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, TStep? step, CancellationToken ct) =>
        Task.FromResult(StepResult.Success($"{Kind} has nothing to undo"));
}
