namespace Migrator.Sandbox.Aws;

/// <summary>
/// The per-account token buckets of IAM GetAccountAuthorizationDetails: IAM throttles this call (it reads the whole
/// account) far below its other reads, so the sandbox paces it on its own, under the service-wide limit.
/// </summary>
internal sealed class AuthorizationDetailsPacing
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>True when the account may call now, else how long until it may; a rate of 0 or less means no limit of its own.</summary>
    public bool TryTake(string accountId, double ratePerSecond, TimeProvider time, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (ratePerSecond <= 0)
            return true;
        lock (_sync)
        {
            var now = time.GetTimestamp();
            if (!_buckets.TryGetValue(accountId, out var bucket))
                _buckets[accountId] = bucket = new TokenBucket(ratePerSecond, Math.Max(1, Math.Ceiling(ratePerSecond)), now);
            return bucket.TryTake(now, time, out wait);
        }
    }
}
