using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Migrator.Worker;

/// <summary>
/// The liveness signal: a file whose modification time moves on every heartbeat and after every job. The Kubernetes
/// probe (deploy/worker.yaml) fails the pod when the file is older than a few heartbeats.
/// </summary>
public sealed class Liveness(IOptions<WorkerOptions> options, TimeProvider time) : BackgroundService
{
    private readonly string _path = options.Value.LivenessFile;

    public DateTimeOffset? LastBeat { get; private set; }

    public void Beat()
    {
        var now = time.GetUtcNow();
        var dir = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(_path, now.ToString("O"));
        LastBeat = now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatSeconds), time);
        Beat();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Beat();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (File.Exists(_path)) File.Delete(_path);
    }
}
