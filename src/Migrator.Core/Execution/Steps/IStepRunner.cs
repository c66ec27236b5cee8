using Migrator.Core.Planning;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// How the steps of one <see cref="StepKind"/> run and are undone. Running is idempotent: it reads the live state first,
/// skips what is already done, reconciles a Started entry left by a crash from the live state, and journals before it
/// mutates. Undoing works from the forward entry the step journalled and is journalled like a forward step.
/// </summary>
internal interface IStepRunner
{
    StepKind Kind { get; }

    Task<StepResult> RunAsync(ExecutionScope s, PlanStep step, int phase, CancellationToken ct);

    Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, CancellationToken ct);
}
