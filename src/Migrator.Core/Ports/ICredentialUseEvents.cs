using Migrator.Core.Evidence;

namespace Migrator.Core.Ports;

/// <summary>
/// Recorded credential uses of one kind in one account and region within a time window (CloudTrail LookupEvents by
/// event name; a CloudTrail Lake or Athena export could answer the same question). Paced by the adapter: callers ask
/// once per account, region, kind and window for all their bindings, never once per role.
/// </summary>
public interface ICredentialUseEvents
{
    /// <summary>Every use recorded between <paramref name="from"/> and <paramref name="to"/> (both inclusive), newest first.</summary>
    Task<IReadOnlyList<CredentialUse>> LookupAsync(AwsScope scope, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>
    /// The uses between <paramref name="from"/> and <paramref name="to"/>, newest first, reading at most
    /// <paramref name="maxPages"/> pages: a source that pages slowly (CloudTrail answers 50 events a call at 2 calls a
    /// second) stops there and says which part of the window it covered. <paramref name="pageRead"/> hears of each page.
    /// A source without pages answers the whole window at once.
    /// </summary>
    async Task<CredentialUseSweep> SweepAsync(AwsScope scope, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, int maxPages, Action? pageRead, CancellationToken ct)
    {
        var uses = await LookupAsync(scope, kind, from, to, ct);
        pageRead?.Invoke();
        return new CredentialUseSweep(uses, 1, from, Stopped: false);
    }
}
