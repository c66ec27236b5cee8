namespace Migrator.Sandbox;

/// <summary>A token bucket: refills at a rate, allows bursts up to its capacity. Not thread-safe (the caller locks).</summary>
internal sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double ratePerSecond, double capacity, long nowTimestamp)
    {
        _ratePerSecond = ratePerSecond;
        _capacity = capacity;
        _tokens = capacity;
        _lastTimestamp = nowTimestamp;
    }

    /// <summary>Takes one token, or says how long until one is available.</summary>
    public bool TryTake(long nowTimestamp, TimeProvider time, out TimeSpan wait)
    {
        var elapsed = time.GetElapsedTime(_lastTimestamp, nowTimestamp);
        _lastTimestamp = nowTimestamp;
        _tokens = Math.Min(_capacity, _tokens + elapsed.TotalSeconds * _ratePerSecond);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }
        wait = TimeSpan.FromSeconds((1 - _tokens) / _ratePerSecond);
        return false;
    }
}
