using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Migrator.Aws.Configuration;
using System.Threading.RateLimiting;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Migrator.Aws.Http;

/// <summary>
/// The resilience pipeline of one AWS API (one per API, so each API has its own concurrency limit):
/// concurrency limiter (queued) → total timeout → retry (exponential backoff with jitter, Retry-After honoured) on
/// throttling (400 Throttling/ThrottlingException, 429), 5xx, 408 and timeouts → pacing (token bucket, queued, when
/// Aws:RequestsPerSecond sets a rate; retries are paced too) → per-attempt timeout.
/// No circuit breaker: a throttled account must slow down, not fail the other accounts' calls.
/// </summary>
public static class AwsResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services, string api)
    {
        var options = services.GetRequiredService<IOptions<AwsOptions>>().Value;
        builder.AddConcurrencyLimiter(options.MaxConcurrencyPerApi, queueLimit: int.MaxValue);
        builder.AddTimeout(options.Retry.TotalTimeout);
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.Retry.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Retry.BaseDelay,
            MaxDelay = options.Retry.MaxDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context.CancellationToken),
        });
        var rate = api switch
        {
            Eks.EksClient.HttpClientName => options.RequestsPerSecond.Eks,
            Iam.IamClient.HttpClientName => options.RequestsPerSecond.Iam,
            _ => 0,
        };
        if (rate > 0)
            builder.AddRateLimiter(Pacing(rate));
        builder.AddTimeout(options.Retry.AttemptTimeout);
    }

    /// <summary>A token bucket refilled ten times a second with a burst of a tenth of the rate, so the API sees at most its rate.</summary>
    private static TokenBucketRateLimiter Pacing(double requestsPerSecond)
    {
        var perTick = Math.Max(1, (int)Math.Floor(requestsPerSecond / 10));
        var period = TimeSpan.FromSeconds(perTick / requestsPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTick,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Transient: network errors, timeouts, 408, 429, 5xx, and 400 whose AWS error code is a throttling code.</summary>
    public static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, CancellationToken ct)
    {
        if (outcome.Exception is HttpRequestException or TimeoutRejectedException)
        {
            return true;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await response.Content.LoadIntoBufferAsync(ct);
            var (code, _) = await AwsErrorReader.ReadAsync(response, ct);
            return AwsErrorReader.IsThrottling(code);
        }

        return false;
    }
}
