namespace Migrator.Core.Execution;

/// <summary>How the executor runs a phase. Bound from configuration section "Execution".</summary>
public sealed record ExecutionSettings
{
    /// <summary>Bindings worked on at once within a phase.</summary>
    public int MaxParallelBindings { get; init; } = 4;
    public int MaxConcurrentIam { get; init; } = 2;
    public int MaxConcurrentEks { get; init; } = 4;
    public int MaxConcurrentKubernetes { get; init; } = 4;
    /// <summary>The wave halts (no new binding starts) once failed/total exceeds this fraction.</summary>
    public double FailureRateThreshold { get; init; } = 0.25;
    /// <summary>
    /// Attempts of a call EKS refuses for IAM→EKS eventual consistency ("Role provided in the request does not exist"
    /// right after a role or trust change). Throttling and server errors are retried by the AWS adapter (Aws:Retry) only.
    /// </summary>
    public int MaxAttempts { get; init; } = 6;
    /// <summary>Wait after the first such refusal, doubled on each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Polls of rollout status and pod env before a verification fails.</summary>
    public int VerifyAttempts { get; init; } = 30;
    public TimeSpan VerifyInterval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Polls of the agent add-on status before P0 fails.</summary>
    public int AgentWaitAttempts { get; init; } = 30;
    public TimeSpan AgentWaitInterval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// EKS eventual consistency: how long after a create List/Describe may still not show the association. Within it a
    /// "not found" is doubt, not absence: rollback keeps polling (every <see cref="ConsistencyPollInterval"/>) and never
    /// restores the trust while an association we created may exist. Set it above the lag you observe.
    /// </summary>
    public TimeSpan ConsistencyWindow { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan ConsistencyPollInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>When the unattended worker may run approved phases. None configured: the worker never runs them.</summary>
    public IReadOnlyList<ChangeWindow> ChangeWindows { get; init; } = [];
    /// <summary>
    /// Where change-sets for owners are written (PLAN/pN/STEP under it; relative paths from the working directory).
    /// </summary>
    public string ChangeSetDirectory { get; init; } = "change-sets";

    /// <summary>The cleanup evidence gate (section "Evidence", set by the host); it applies when the ports carry a CloudTrail reader.</summary>
    public Evidence.EvidenceSettings Evidence { get; init; } = new();

    public bool IsInChangeWindow(DateTimeOffset now) => ChangeWindows.Any(w => w.IsOpen(now));
}
