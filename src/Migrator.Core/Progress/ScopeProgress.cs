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
    /// <summary>Every identity of the scope, in key order; empty once <see cref="Summarized"/> let them go.</summary>
    public IReadOnlyList<MemberProgress> Members { get; init; } = [];
    /// <summary>The members' counts, kept by <see cref="Summarized"/>; null while <see cref="Members"/> are held.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ScopeCounts? Summary { get; init; }
    /// <summary>Regressed identities, oldest regression first.</summary>
    public IReadOnlyList<Regression> Regressions { get; init; } = [];
    /// <summary>Earlier complete runs since the scope was fixed, oldest first, then this one.</summary>
    public IReadOnlyList<ScopeTrendPoint> Trend { get; init; } = [];

    public int Scope => Summary?.Scope ?? Members.Count;
    public int OnPodIdentity => Count(IdentityProgress.OnPodIdentity);
    public int AwaitingRestart => Count(IdentityProgress.AwaitingRestart);
    public int Regressed => Count(IdentityProgress.Regressed);
    public int NotYet => Count(IdentityProgress.NotYet);
    public int Gone => Count(IdentityProgress.Gone);
    public double Percent => Scope == 0 ? 0 : Math.Round(100.0 * OnPodIdentity / Scope, 1, MidpointRounding.AwayFromZero);

    public int Count(IdentityProgress progress) => Summary?.Count(progress) ?? Members.Count(m => m.Progress == progress);

    /// <summary>The counts of the members (kept, or counted now).</summary>
    public ScopeCounts Counted() => Summary ?? ScopeCounts.Of(Members);

    /// <summary>
    /// The progress with its members' counts instead of the members: what a report shows. Regressions and the trend stay.
    /// </summary>
    public ScopeProgress Summarized() => Summary is not null ? this : this with { Summary = ScopeCounts.Of(Members), Members = [] };
}
