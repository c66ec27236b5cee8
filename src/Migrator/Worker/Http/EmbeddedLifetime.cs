using Microsoft.Extensions.Hosting;

namespace Migrator.Worker.Http;

/// <summary>
/// The HTTP side's lifetime: it starts and stops with the worker's host (<see cref="WorkerHttpServer"/>), so it must not
/// take SIGTERM/Ctrl-C itself as the default console lifetime would (the worker's own stop drains the jobs first).
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
