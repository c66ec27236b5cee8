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
}
