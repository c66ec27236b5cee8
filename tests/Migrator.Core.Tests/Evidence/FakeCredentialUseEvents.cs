using Migrator.Core.Evidence;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Evidence;

/// <summary>Recorded uses per account and region; counts the lookups it answers (one per account, region, kind and window).</summary>
public sealed class FakeCredentialUseEvents : ICredentialUseEvents
{
    public List<(AwsScope Scope, CredentialUse Use)> Recorded { get; } = [];
    public List<(AwsScope Scope, CredentialUseKind Kind)> Lookups { get; } = [];
    public Exception? Failure { get; set; }

    public FakeCredentialUseEvents Add(AwsScope scope, CredentialUse use)
    {
        Recorded.Add((scope, use));
        return this;
    }

    public Task<IReadOnlyList<CredentialUse>> LookupAsync(AwsScope scope, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        Lookups.Add((scope, kind));
        if (Failure is not null)
            throw Failure;
        IReadOnlyList<CredentialUse> found = Recorded.Where(r => r.Scope == scope && r.Use.Kind == kind && r.Use.Time >= from && r.Use.Time <= to)
            .Select(r => r.Use).OrderByDescending(u => u.Time).ToList();
        return Task.FromResult(found);
    }
}
