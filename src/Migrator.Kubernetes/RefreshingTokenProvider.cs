using System.Net.Http.Headers;
using k8s.Authentication;

namespace Migrator.Kubernetes;

/// <summary>
/// Bearer token for one cluster, minted on first use and again once it is older than the refresh age, so long
/// inventories never present an expired EKS token. Concurrent requests share one mint.
/// </summary>
public sealed class RefreshingTokenProvider(Func<CancellationToken, Task<string>> mint, TimeSpan refreshAfter, TimeProvider time)
    : ITokenProvider, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTimeOffset mintedAt;

    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (token is null || now - mintedAt >= refreshAfter)
            {
                token = await mint(cancellationToken);
                mintedAt = now;
            }

            return new AuthenticationHeaderValue("Bearer", token);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
