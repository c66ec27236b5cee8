using System.Net;
using Polly;
using Polly.Retry;

namespace Migrator.Kubernetes;

/// <summary>
/// The resilience pipeline of one cluster's API server, the only place Kubernetes calls are retried: retry (outermost)
/// of a request answered 429 Too Many Requests, or 503 with Retry-After, up to Kubernetes:MaxRetries times, waiting as
/// long as Retry-After asks (capped at Kubernetes:MaxRetryDelay; the API server's priority and fairness sends whole
/// seconds), else 200 ms doubled per attempt; inside it a concurrency limit of Kubernetes:Concurrency requests in
/// flight (the rest queued), taken per attempt, so a wait for Retry-After holds no slot.
/// </summary>
public static class KubernetesResilience
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    public static ResiliencePipeline<HttpResponseMessage> Build(KubernetesOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = FirstBackoff,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && IsRetryable(response)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, options.MaxRetryDelay, time) : null),
            });
        }
        builder.AddConcurrencyLimiter(options.Concurrency, queueLimit: int.MaxValue);
        return builder.Build();
    }

    public static bool IsRetryable(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
        || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null);

    /// <summary>The wait Retry-After asks for, from zero up to <paramref name="maxDelay"/>; null without the header (exponential backoff then).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeSpan maxDelay, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (asked is not { } delay)
            return null;
        if (delay < TimeSpan.Zero)
            return TimeSpan.Zero;
        return delay > maxDelay ? maxDelay : delay;
    }
}
