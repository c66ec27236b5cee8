namespace Migrator.Core.Execution;

/// <summary>How one step ended for its binding(s).</summary>
internal sealed record StepResult(BindingResult Result, string Message, IReadOnlyList<string> Warnings)
{
    public bool Ok => Result == BindingResult.Succeeded;
    public static StepResult Success(string message, params string[] warnings) => new(BindingResult.Succeeded, message, warnings);
    public static StepResult Fail(string message) => new(BindingResult.Failed, message, []);
    public static StepResult Conflict(string message) => new(BindingResult.Conflict, message, []);
    public static StepResult Drift(string message) => new(BindingResult.Drift, message, []);
    public static StepResult Awaiting(string message) => new(BindingResult.AwaitingExternalChange, message, []);
}
