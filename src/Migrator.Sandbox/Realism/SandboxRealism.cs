namespace Migrator.Sandbox;

/// <summary>
/// Applies <see cref="RealismOptions"/> to each call: counts it, delays it, and decides whether it is throttled or
/// fails transiently. Randomness is seeded, so a single-threaded run is reproducible. Also answers the
/// eventual-consistency questions the APIs ask ("is this role visible to EKS yet?").
/// </summary>
public sealed class SandboxRealism
{
    private readonly RealismOptions _options;
    private readonly TimeProvider _time;
    private readonly CallCounters _counters;
    private readonly Random _random;
    private readonly Lock _sync = new();
    private readonly Dictionary<SandboxService, TokenBucket> _buckets = [];

    public SandboxRealism(RealismOptions options, TimeProvider time, CallCounters counters, int seed)
    {
        _options = options;
        _time = time;
        _counters = counters;
        _random = new Random(seed);
    }

    public RealismOptions Options => _options;

    /// <summary>
    /// Call at the start of every API handler: counts the call, waits while the APIs are held (<see cref="MutationHold"/>),
    /// waits the configured latency, then decides.
    /// A throttled call says when to retry; the API answers with its protocol's error.
    /// </summary>
    public async ValueTask<Admission> AdmitAsync(SandboxService service, string operation, CancellationToken ct)
    {
        _counters.RecordCall(service, operation);
        await _counters.Hold.WaitAsync(ct);
        var (delay, admission) = Decide(service);
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, _time, ct);
        if (admission.Outcome == AdmissionOutcome.Throttle)
            _counters.RecordThrottle(service, operation);
        else if (admission.Outcome == AdmissionOutcome.TransientError)
            _counters.RecordTransientError(service, operation);
        return admission;
    }

    /// <summary>Whether EKS (PassRole checks in CreatePodIdentityAssociation) sees a role yet.</summary>
    public bool IsRoleVisibleToEks(IamRole role) => IsPast(role.CreateDate, _options.RoleVisibilityDelayMs);

    /// <summary>Whether List/DescribePodIdentityAssociation show an association yet.</summary>
    public bool IsAssociationVisible(PodIdentityAssociation association) => IsPast(association.CreatedAt, _options.AssociationVisibilityDelayMs);

    /// <summary>When an add-on created or updated now turns ACTIVE.</summary>
    public DateTimeOffset AddonActiveAt() => _time.GetUtcNow().AddMilliseconds(_options.AddonActivationDelayMs);

    private bool IsPast(DateTimeOffset? since, int delayMs) =>
        delayMs <= 0 || since is null || _time.GetUtcNow() >= since.Value.AddMilliseconds(delayMs);

    private (TimeSpan Delay, Admission Admission) Decide(SandboxService service)
    {
        lock (_sync)
        {
            var delay = TimeSpan.FromMilliseconds(_options.LatencyMs + (_options.LatencyJitterMs > 0 ? _random.Next(_options.LatencyJitterMs + 1) : 0));
            var rate = _options.RateFor(service);
            if (rate > 0)
            {
                var now = _time.GetTimestamp();
                if (!_buckets.TryGetValue(service, out var bucket))
                    _buckets[service] = bucket = new TokenBucket(rate, _options.Burst ?? Math.Max(1, (int)Math.Ceiling(rate)), now);
                if (!bucket.TryTake(now, _time, out var wait))
                    return (delay, new Admission(AdmissionOutcome.Throttle, wait));
            }
            if (_options.ErrorRate > 0 && _random.NextDouble() < _options.ErrorRate)
                return (delay, new Admission(AdmissionOutcome.TransientError, TimeSpan.Zero));
            return (delay, Admission.Proceed);
        }
    }
}
