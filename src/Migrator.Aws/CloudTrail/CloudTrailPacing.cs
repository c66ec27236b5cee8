using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Migrator.Aws.Configuration;
using Migrator.Aws.Http;

namespace Migrator.Aws.CloudTrail;

/// <summary>
/// Paces CloudTrail requests per account and region (LookupEvents: 2 requests per second per account and region,
/// <c>Aws:RequestsPerSecond:CloudTrail</c>): each request takes the next free slot of its account and region, slots
/// 1/rate apart, and waits for it on the injected clock. Accounts and regions do not wait for each other.
/// </summary>
public sealed class CloudTrailPacing(IOptions<AwsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Account, string Region), Slots> _slots = new();

    public Task WaitTurnAsync(string accountId, string region, CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(1 / options.Value.RequestsPerSecond.CloudTrail);
        var wait = _slots.GetOrAdd((accountId, region), _ => new Slots()).Take(time.GetUtcNow(), interval);
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, ct);
    }

    private sealed class Slots
    {
        private readonly Lock _sync = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        /// <summary>Reserves the next slot and says how long until it.</summary>
        public TimeSpan Take(DateTimeOffset now, TimeSpan interval)
        {
            lock (_sync)
            {
                var slot = _next > now ? _next : now;
                _next = slot + interval;
                return slot - now;
            }
        }
    }
}

/// <summary>The pacing as a handler between the resilience pipeline and the signer: every attempt waits its turn.</summary>
public sealed class CloudTrailPacingHandler(CloudTrailPacing pacing) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AwsSigningScope.Key, out var scope))
            await pacing.WaitTurnAsync(scope.AccountId, scope.Region, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
