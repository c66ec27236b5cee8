using System.Collections.Concurrent;

namespace Migrator.Core.Inventory.Collection;

/// <summary>Shared counters and the error list of one run; reports progress after every change worth showing.</summary>
internal sealed class RunTally(IProgress<InventoryProgress>? progress)
{
    private readonly ConcurrentQueue<CollectionError> _errors = new();
    private readonly ConcurrentQueue<CollectionNote> _notes = new();
    private readonly Lock _reporting = new();
    private long _apiCalls;
    private int _clustersDone;
    private int _clustersTotal;
    private string _phase = "discovering clusters";

    public long ApiCalls => Interlocked.Read(ref _apiCalls);
    public IReadOnlyList<CollectionError> Errors => [.. _errors];
    public IReadOnlyList<CollectionNote> Notes => [.. _notes];

    /// <summary>Counts one port call and runs it.</summary>
    public Task<T> Call<T>(Func<Task<T>> call)
    {
        Interlocked.Increment(ref _apiCalls);
        return call();
    }

    public Task Call(Func<Task> call)
    {
        Interlocked.Increment(ref _apiCalls);
        return call();
    }

    public void Phase(string phase, int? clustersTotal = null)
    {
        _phase = phase;
        if (clustersTotal is { } total) Volatile.Write(ref _clustersTotal, total);
        Report(null);
    }

    public void ClusterDone(string cluster)
    {
        Interlocked.Increment(ref _clustersDone);
        Report($"{cluster} done");
    }

    public void Error(CollectionError error)
    {
        _errors.Enqueue(error);
        Report($"{error.Scope} {error.Target}: {error.Operation} failed");
    }

    public void Note(CollectionNote note)
    {
        _notes.Enqueue(note);
        Report($"{note.Scope} {note.Target}: {note.Operation}: {note.Message}");
    }

    // Read and report under one lock so a synchronous listener sees counts that never go backwards.
    private void Report(string? lastEvent)
    {
        if (progress is null) return;
        lock (_reporting)
        {
            progress.Report(new InventoryProgress(
                _phase, Volatile.Read(ref _clustersDone), Volatile.Read(ref _clustersTotal), ApiCalls, _errors.Count, lastEvent));
        }
    }

    /// <summary>
    /// A failure to record rather than stop for. Cancellation the caller asked for is not one; a timeout is.
    /// </summary>
    public static string Describe(Exception e) => e switch
    {
        Ports.AwsApiException aws => aws.Message,
        OperationCanceledException or TimeoutException => $"timed out: {e.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
