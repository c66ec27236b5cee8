using System.Net;

namespace Migrator.Kubernetes;

/// <summary>
/// Retries a request the API server answered 429 Too Many Requests (or 503 with Retry-After), waiting as long as
/// Retry-After asks (capped), else with exponential backoff. The API server's priority and fairness sends
/// Retry-After in whole seconds.
/// </summary>
public sealed class RetryAfterHandler(int maxRetries, TimeSpan maxDelay, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests
                || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null);
            if (!retryable || attempt >= maxRetries)
            {
                return response;
            }

            var delay = DelayFor(response, attempt);
            response.Dispose();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private TimeSpan DelayFor(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)));
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay > maxDelay ? maxDelay : delay;
    }
}
