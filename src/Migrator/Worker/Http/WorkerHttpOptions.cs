namespace Migrator.Worker.Http;

/// <summary>
/// Section "Worker:Http": where the worker serves /healthz, /readyz, /metrics and /reports/*. <see cref="Urls"/>, when
/// set, wins over <see cref="Port"/> (e.g. "http://127.0.0.1:9090" to keep it off the network outside a pod).
/// </summary>
public sealed class WorkerHttpOptions
{
    /// <summary>Port on every interface (the kubelet probes the pod IP); 0 takes any free port (printed at start).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Semicolon-separated http URLs to listen on instead of every interface on <see cref="Port"/>.</summary>
    public string? Urls { get; set; }

    /// <summary>The URLs to listen on: <see cref="Urls"/> split, or every interface on <see cref="Port"/>.</summary>
    public IReadOnlyList<string> ListenUrls() => string.IsNullOrWhiteSpace(Urls)
        ? [$"http://0.0.0.0:{Port}"]
        : Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
