using System.Collections.Concurrent;

namespace Migrator.Sandbox;

/// <summary>
/// Calls per service and operation, with how many were throttled or failed on purpose, and how many mutating calls
/// changed the estate. A call counts when it arrives; a mutation counts as applied only once its change is made, so a
/// request cut off by a killed client (counted, never applied) tells apart from a repeated mutation. Thread-safe.
/// </summary>
public sealed class CallCounters
{
    private readonly ConcurrentDictionary<(SandboxService, string), Counts> _counts = new();

    public void RecordCall(SandboxService service, string operation) => Interlocked.Increment(ref Get(service, operation).CallsField);

    private Counts Get(SandboxService service, string operation) => _counts.GetOrAdd((service, operation), _ => new Counts());

    public void RecordThrottle(SandboxService service, string operation) => Interlocked.Increment(ref Get(service, operation).ThrottledField);

    public void RecordTransientError(SandboxService service, string operation) => Interlocked.Increment(ref Get(service, operation).ErrorsField);

    /// <summary>Holds the APIs after a number of applied mutations (<see cref="MutationHold"/>).</summary>
    public MutationHold Hold { get; } = new();

    /// <summary>A mutating call whose change was made (not a refused, idempotent or cut-off one).</summary>
    public void RecordApplied(SandboxService service, string operation)
    {
        Interlocked.Increment(ref Get(service, operation).AppliedField);
        Hold.Applied();
    }

    public long Calls(SandboxService service, string operation) => _counts.TryGetValue((service, operation), out var c) ? Interlocked.Read(ref c.CallsField) : 0;

    public long Applied(SandboxService service, string operation) => _counts.TryGetValue((service, operation), out var c) ? Interlocked.Read(ref c.AppliedField) : 0;

    public long Calls(SandboxService service) => _counts.Where(kv => kv.Key.Item1 == service).Sum(kv => Interlocked.Read(ref kv.Value.CallsField));

    public long TotalCalls => _counts.Values.Sum(c => Interlocked.Read(ref c.CallsField));

    public void Reset() => _counts.Clear();

    /// <summary>Stable, sorted view: service name (lower case) → operation → counts.</summary>
    public CounterSnapshot Snapshot()
    {
        var calls = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        var throttled = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        var errors = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        var applied = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var ((service, operation), c) in _counts)
        {
            var name = ServiceName(service);
            Add(calls, name, operation, Interlocked.Read(ref c.CallsField));
            Add(throttled, name, operation, Interlocked.Read(ref c.ThrottledField));
            Add(errors, name, operation, Interlocked.Read(ref c.ErrorsField));
            Add(applied, name, operation, Interlocked.Read(ref c.AppliedField));
        }
        return new CounterSnapshot(calls.Values.Sum(s => s.Values.Sum()), calls, throttled, errors, applied);
    }

    public static string ServiceName(SandboxService service) => service.ToString().ToLowerInvariant();

    private static void Add(SortedDictionary<string, SortedDictionary<string, long>> into, string service, string operation, long n)
    {
        if (n == 0) return;
        if (!into.TryGetValue(service, out var ops))
            into[service] = ops = new SortedDictionary<string, long>(StringComparer.Ordinal);
        ops[operation] = n;
    }

    internal sealed class Counts
    {
        public long CallsField;
        public long ThrottledField;
        public long ErrorsField;
        public long AppliedField;
    }
}

/// <summary>
/// What GET /admin/counters returns: service → operation → number of calls (and of throttled / failed ones, and of
/// mutations applied).
/// </summary>
public sealed record CounterSnapshot(
    long Total,
    IReadOnlyDictionary<string, SortedDictionary<string, long>> Calls,
    IReadOnlyDictionary<string, SortedDictionary<string, long>> Throttled,
    IReadOnlyDictionary<string, SortedDictionary<string, long>> TransientErrors,
    IReadOnlyDictionary<string, SortedDictionary<string, long>> Applied)
{
    public long CallsOf(string service, string operation) =>
        Calls.TryGetValue(service, out var ops) && ops.TryGetValue(operation, out var n) ? n : 0;

    public long AppliedOf(string service, string operation) =>
        Applied.TryGetValue(service, out var ops) && ops.TryGetValue(operation, out var n) ? n : 0;
}
