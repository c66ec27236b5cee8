namespace Migrator.Sandbox;

/// <summary>
/// Freezes the simulated APIs after a number of applied mutations, for crash rehearsals and tests that must stop a
/// client part-way through a phase whatever the machine's load: once armed (POST /admin/hold?after=N) and N EKS or IAM
/// mutations have taken effect, every API call that arrives waits (counted as a call) until released (POST
/// /admin/release) or its client goes away. Calls admitted before the hold closed finish as usual. Thread-safe.
/// </summary>
public sealed class MutationHold
{
    private readonly Lock _sync = new();
    private TaskCompletionSource _open = Opened();
    private long? _after;
    private long _applied;

    /// <summary>Whether calls are being held now.</summary>
    public bool Holding
    {
        get { lock (_sync) return !_open.Task.IsCompleted; }
    }

    /// <summary>Mutations applied since the hold was armed.</summary>
    public long AppliedSinceArmed
    {
        get { lock (_sync) return _applied; }
    }

    /// <summary>Holds every call once <paramref name="afterApplied"/> more mutations have taken effect (0: at once).</summary>
    public void Arm(long afterApplied)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterApplied);
        lock (_sync)
        {
            (_after, _applied) = (afterApplied, 0);
            if (afterApplied == 0 && _open.Task.IsCompleted)
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Opens the APIs again and disarms the hold.</summary>
    public void Release()
    {
        lock (_sync)
        {
            _after = null;
            _open.TrySetResult();
        }
    }

    /// <summary>Called when a mutation took effect.</summary>
    public void Applied()
    {
        lock (_sync)
        {
            _applied++;
            if (_after is { } after && _applied >= after && _open.Task.IsCompleted)
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes at once unless calls are held; then when released, or cancelled with the call.</summary>
    public Task WaitAsync(CancellationToken ct)
    {
        Task open;
        lock (_sync) open = _open.Task;
        return open.IsCompleted ? Task.CompletedTask : open.WaitAsync(ct);
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
