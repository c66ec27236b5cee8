namespace Migrator.Kubernetes;

/// <summary>Bounds the requests in flight to one cluster, so a wide inventory does not trip the API server's fairness limits.</summary>
public sealed class ConcurrencyLimitHandler(int limit) : DelegatingHandler
{
    private readonly SemaphoreSlim gate = new(limit, limit);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
