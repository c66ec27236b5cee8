namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// The calls of one cluster's collection, run side by side: each is counted, the first to fail is remembered with its
/// operation and cancels the others (a cluster is stored complete or not at all, so there is no point finishing them).
/// </summary>
internal sealed class ClusterSteps(RunTally tally, CancellationToken ct) : IDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
    private Failure? _first;

    /// <summary>Cancelled when the caller cancels or a step has failed.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first step that failed and why; null when none did (or the caller cancelled).</summary>
    public Failure? First => Volatile.Read(ref _first);

    /// <summary>One API call, counted.</summary>
    public Task<T> Run<T>(string operation, Func<CancellationToken, Task<T>> call) =>
        Uncounted(operation, token => tally.Call(() => call(token)));

    /// <summary>A step that is not an API call of its own (opening a Kubernetes session).</summary>
    public async Task<T> Uncounted<T>(string operation, Func<CancellationToken, Task<T>> call)
    {
        try
        {
            return await call(_stop.Token);
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            Fail(operation, e);
            throw;
        }
    }

    private void Fail(string operation, Exception error)
    {
        if (Interlocked.CompareExchange(ref _first, new Failure(operation, error), null) is null)
            _stop.Cancel();
    }

    public void Dispose() => _stop.Dispose();

    public sealed record Failure(string Operation, Exception Error);
}
