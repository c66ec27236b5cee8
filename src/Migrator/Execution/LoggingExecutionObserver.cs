using Microsoft.Extensions.Logging;
using Migrator.Core.Execution;

namespace Migrator.Execution;

/// <summary>
/// Structured execution logs for the worker: every step boundary is logged inside a scope naming the step and, for
/// per-binding steps, the binding (ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT), so a log search by binding finds
/// every mutation made for it.
/// </summary>
public sealed class LoggingExecutionObserver(ILogger<LoggingExecutionObserver> logger) : IExecutionObserver
{
    public ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct)
    {
        using (logger.BeginScope(new Dictionary<string, object?> { ["Step"] = stepId, ["Binding"] = BindingOf(stepId) }))
            logger.LogInformation("Step {StepId} reached {Boundary}", stepId, boundary);
        return ValueTask.CompletedTask;
    }

    public void OnMessage(string message) => logger.LogInformation("{ExecutionMessage}", message);

    /// <summary>Step ids are PHASE/KIND/ACCOUNT/REGION/CLUSTER/NAMESPACE/SA for binding steps, PHASE/trust/ROLE-ARN for roles (see Planning).</summary>
    public static string? BindingOf(string stepId)
    {
        var parts = stepId.Split('/');
        return parts.Length == 7 && parts[1] != "trust" && !parts[2].StartsWith("arn:", StringComparison.Ordinal) ? string.Join('/', parts[2..]) : null;
    }
}
