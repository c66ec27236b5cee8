using System.Collections.Concurrent;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>
/// Shared machinery of one run: per-API concurrency gates, per-role write locks, cluster sessions, the IAM→EKS
/// eventual-consistency retry (throttling and server errors are retried by the AWS adapter, not here),
/// and the journal (every Append/Complete is committed before the call returns).
/// Stopping (SIGTERM, Ctrl-C) is observed where nothing is half-done: no new Started entry is written and waits
/// (verification, add-on readiness) end, while a mutation already journalled as Started runs to its outcome.
/// </summary>
internal sealed class ExecutionScope : IAsyncDisposable
{
    private readonly SemaphoreSlim _iam;
    private readonly SemaphoreSlim _eks;
    private readonly SemaphoreSlim _kube;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _roleLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ClusterRef, Lazy<Task<IClusterSession>>> _sessions = new();

    public ExecutionScope(ExecutionPorts ports, ExecutionSettings settings, TimeProvider time, IExecutionObserver observer, MigrationPlan plan, JournalView view, CancellationToken stopping)
    {
        Stopping = stopping;
        Ports = ports;
        Settings = settings;
        Time = time;
        Observer = observer;
        Plan = plan;
        View = view;
        _iam = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrentIam));
        _eks = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrentEks));
        _kube = new SemaphoreSlim(Math.Max(1, settings.MaxConcurrentKubernetes));
    }

    public ExecutionPorts Ports { get; }
    public ExecutionSettings Settings { get; }
    public TimeProvider Time { get; }
    public IExecutionObserver Observer { get; }
    public MigrationPlan Plan { get; }
    public JournalView View { get; }
    /// <summary>Cancelled when the run must stop: nothing new starts, running mutations finish and are journalled.</summary>
    public CancellationToken Stopping { get; }
    /// <summary>The approval's owners and bindings whose change-set steps run directly (<see cref="Ownership.DirectOverride"/>).</summary>
    public IReadOnlyList<string> ForceDirect { get; init; } = [];

    public Task<T> Iam<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) => Gated(_iam, call, ct);
    public Task Iam(Func<CancellationToken, Task> call, CancellationToken ct) => Gated(_iam, async c => { await call(c); return true; }, ct);
    public Task<T> Eks<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) => Gated(_eks, call, ct);
    public Task Eks(Func<CancellationToken, Task> call, CancellationToken ct) => Gated(_eks, async c => { await call(c); return true; }, ct);

    public async Task<T> Kube<T>(ClusterRef cluster, Func<IClusterSession, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var session = await SessionAsync(cluster, ct);
        await _kube.WaitAsync(ct);
        try
        {
            return await call(session, ct);
        }
        finally
        {
            _kube.Release();
        }
    }

    public static AwsScope ScopeOf(ClusterRef c) => new(c.AccountId, c.Region);

    public SemaphoreSlim RoleLock(string roleArn) => _roleLocks.GetOrAdd(roleArn, _ => new SemaphoreSlim(1));

    /// <summary>A wait between reads (verification, add-on readiness): it ends early when the run is stopping.</summary>
    public async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        Stopping.ThrowIfCancellationRequested();
        if (delay <= TimeSpan.Zero) return;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, Stopping);
        await Task.Delay(delay, Time, either.Token);
    }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Commits a Started entry: the before-state and the intended after-state are on disk before the mutation.</summary>
    public async Task<JournalEntry> BeginAsync(JournalEntry entry, CancellationToken ct)
    {
        // The one gate every mutation passes: once stopping, no new step begins. The start time is read before the
        // check, so every step begun carries a time before the stop was requested.
        var startedAt = Now;
        Stopping.ThrowIfCancellationRequested();
        await BoundaryAsync(StepBoundary.BeforeJournal, entry.StepId, ct);
        var saved = await Ports.Journal.AppendAsync(entry with { Status = JournalStatus.Started, StartedAt = startedAt }, ct);
        View.Record(saved);
        await BoundaryAsync(StepBoundary.BeforeMutation, entry.StepId, ct);
        return saved;
    }

    /// <summary>Commits the outcome of a Started entry.</summary>
    public async Task<JournalEntry> CompleteAsync(JournalEntry entry, JournalStatus status, string? result, string message, CancellationToken ct, bool afterMutation = true)
    {
        if (afterMutation)
            await BoundaryAsync(StepBoundary.AfterMutation, entry.StepId, ct);
        var saved = await Ports.Journal.CompleteAsync(entry.Id, status, result, message, Now, ct);
        View.Record(saved);
        await BoundaryAsync(StepBoundary.AfterOutcome, entry.StepId, ct);
        Observer.OnMessage($"{status}: {entry.StepId}: {message}");
        return saved;
    }

    /// <summary>
    /// Makes the mutation of a Started entry. An AWS rejection (4xx, including a throttle or eventual-consistency error
    /// left after the retries) means nothing changed: the entry is completed as Failed. Anything else (timeouts, connection loss, server errors after the retries, cancellation)
    /// does not say whether the change took effect: the entry is completed as InDoubt, which resume and rollback
    /// reconcile from the live state like a Started one. Only a dying process leaves an entry Started.
    /// </summary>
    public async Task<T> MutateAsync<T>(JournalEntry started, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call(ct);
        }
        catch (AwsApiException e) when (e.StatusCode is >= 400 and < 500)
        {
            await CompleteAsync(started, JournalStatus.Failed, null, e.Message, ct, afterMutation: false);
            throw;
        }
        catch (Exception e) when (e is not ExecutionInterruptedException)
        {
            // Recorded even when the run is being cancelled: the outcome must reach the journal.
            await CompleteAsync(started, JournalStatus.InDoubt, null, $"outcome unknown ({e.GetType().Name}: {e.Message}); reconciled from the live state on the next run", CancellationToken.None, afterMutation: false);
            throw;
        }
    }

    public Task MutateAsync(JournalEntry started, Func<CancellationToken, Task> call, CancellationToken ct) =>
        MutateAsync(started, async c => { await call(c); return true; }, ct);

    private async Task BoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct)
    {
        try
        {
            await Observer.OnBoundaryAsync(boundary, stepId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ExecutionInterruptedException($"interrupted at {boundary} of {stepId}", e);
        }
    }

    /// <summary>Records a step that made no mutation (already done, conflict, drift, manual, verified).</summary>
    public async Task<JournalEntry> RecordAsync(JournalEntry entry, CancellationToken ct)
    {
        var now = Now;
        var saved = await Ports.Journal.AppendAsync(entry with { StartedAt = now, CompletedAt = now }, ct);
        View.Record(saved);
        Observer.OnMessage($"{entry.Status}: {entry.StepId}: {entry.Message}");
        return saved;
    }

    public JournalEntry NewEntry(int phase, string stepId, JournalKind stepKind, BindingKey? binding, string? roleArn, JournalDirection direction = JournalDirection.Forward) => new()
    {
        PlanId = Plan.Id,
        Phase = phase,
        StepId = stepId,
        StepKind = stepKind,
        Direction = direction,
        Binding = binding,
        RoleArn = roleArn,
        StartedAt = Now,
    };

    private async Task<IClusterSession> SessionAsync(ClusterRef cluster, CancellationToken ct)
    {
        var lazy = _sessions.GetOrAdd(cluster, c => new Lazy<Task<IClusterSession>>(async () =>
        {
            var description = await Eks(t => Ports.Eks.DescribeClusterAsync(ScopeOf(c), c.Name, t), ct);
            return await Ports.Kubernetes.ConnectAsync(c, description, ct);
        }));
        return await lazy.Value;
    }

    private async Task<T> Gated<T>(SemaphoreSlim gate, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await gate.WaitAsync(ct);
            try
            {
                return await call(ct);
            }
            catch (AwsApiException e) when (IamEksEventualConsistency.IsRoleNotYetVisible(e) && attempt < Settings.MaxAttempts)
            {
                Observer.OnMessage($"IAM→EKS eventual consistency: retrying after {e.ErrorCode} ({attempt}/{Settings.MaxAttempts}): {e.AwsMessage}");
            }
            finally
            {
                gate.Release();
            }
            // Not DelayAsync: a retry may belong to a mutation already journalled as Started, which must finish.
            var backoff = IamEksEventualConsistency.Backoff(Settings, attempt);
            if (backoff > TimeSpan.Zero)
                await Task.Delay(backoff, Time, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _sessions.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await lazy.Value).DisposeAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Observer.OnMessage($"closing a cluster session failed: {e.Message}");
            }
        }
        _iam.Dispose();
        _eks.Dispose();
        _kube.Dispose();
        foreach (var l in _roleLocks.Values)
            l.Dispose();
    }
}
