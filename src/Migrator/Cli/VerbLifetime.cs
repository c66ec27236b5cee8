using Microsoft.Extensions.Hosting;

namespace Migrator.Cli;

/// <summary>
/// The host's lifetime under a verb: it listens to no signal. <see cref="StopSignals"/> alone turns SIGTERM and SIGINT
/// into the verb's cancellation; the default console lifetime would also catch them and stop the host behind the verb's back.
/// </summary>
internal sealed class VerbLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
