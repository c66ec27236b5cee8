namespace Migrator.Core.Progress;

/// <summary>
/// Migration progress = identities of the scope on Pod Identity ÷ scope, in the latest complete run at or before the
/// run asked about (<see cref="BasisRunId"/>), with the regressions and the trend across the runs since the scope was fixed.
/// </summary>
public sealed record ScopeProgress
{
    public required long RunId { get; init; }
    /// <summary>The run the figures come from: <see cref="RunId"/> when complete, else the latest complete run before it.</summary>
    public required long BasisRunId { get; init; }
    public required DateTimeOffset BasisAt { get; init; }
    /// <summary>False when no complete run exists since the scope was fixed and the figures come from a partial run.</summary>
    public bool BasisComplete { get; init; } = true;
    public required string FixedByPlanId { get; init; }
    public required DateTimeOffset FixedAt { get; init; }
    public IReadOnlyList<MemberProgress> Members { get; init; } = [];
    /// <summary>Regressed identities, oldest regression first.</summary>
    public IReadOnlyList<Regression> Regressions { get; init; } = [];
    /// <summary>Earlier complete runs since the scope was fixed, oldest first, then this one.</summary>
    public IReadOnlyList<ScopeTrendPoint> Trend { get; init; } = [];

    public int Scope => Members.Count;
    public int OnPodIdentity => Count(IdentityProgress.OnPodIdentity);
    public int AwaitingRestart => Count(IdentityProgress.AwaitingRestart);
    public int Regressed => Count(IdentityProgress.Regressed);
    public int NotYet => Count(IdentityProgress.NotYet);
    public int Gone => Count(IdentityProgress.Gone);
    public double Percent => Scope == 0 ? 0 : Math.Round(100.0 * OnPodIdentity / Scope, 1, MidpointRounding.AwayFromZero);

    public int Count(IdentityProgress progress) => Members.Count(m => m.Progress == progress);
}
