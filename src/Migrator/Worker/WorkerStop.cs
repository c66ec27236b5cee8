namespace Migrator.Worker;

/// <summary>
/// The worker's stop request (SIGTERM, SIGINT), shared with the jobs: Quartz's own job token is not cancelled when the
/// scheduler shuts down waiting for jobs, so a running phase would otherwise go on to its end. With it, a stopping
/// worker waits only for the steps in flight.
/// </summary>
public sealed class WorkerStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public CancellationToken Token => _stop.Token;

    public void Request() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();
}
