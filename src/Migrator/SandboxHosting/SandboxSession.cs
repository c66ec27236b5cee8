using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Migrator.Sandbox;

namespace Migrator.SandboxHosting;

/// <summary>
/// The in-process simulated estate behind `--sandbox`: started before the host is built (configuration points every
/// client at it), stopped when the host stops. The state file is written by the sandbox itself after every change
/// (<see cref="SandboxState"/>); it is saved once more at stop for what time alone changed (add-ons becoming ACTIVE).
/// </summary>
public sealed class SandboxSession(SandboxServer server, string stateFile, ILogger<SandboxSession> logger) : IHostedService, IAsyncDisposable
{
    private int _stopped;

    public SandboxServer Server => server;
    public string StateFile => stateFile;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(stateFile));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        // Write beside, then move: a crash while saving never leaves a half-written state file.
        var temp = stateFile + ".tmp";
        await server.SaveStateAsync(temp, cancellationToken);
        File.Move(temp, stateFile, overwrite: true);
        logger.LogDebug("Sandbox state saved to {StateFile}", stateFile);
        await server.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await server.DisposeAsync();
    }
}
