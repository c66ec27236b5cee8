namespace Migrator.Core.Planning;

/// <summary>How the planner cuts the migration into phases. Bound from configuration section "Planning".</summary>
public sealed record PlanningSettings
{
    /// <summary>How many of the lowest-risk Ready bindings go first, alone, in phase 1.</summary>
    public int CanarySize { get; init; } = 2;
    /// <summary>Most bindings in one wave; a Coordinate group is never split, so a wave may exceed this for one group.</summary>
    public int MaxWaveSize { get; init; } = 20;
    /// <summary>How long the IRSA path stays in place as the rollback route before a wave's cleanup may run.</summary>
    public TimeSpan SoakPeriod { get; init; } = TimeSpan.FromDays(7);
    /// <summary>Scope the pods.eks.amazonaws.com statement with session-tag conditions (DOMAIN.md: unscoped is wider than IRSA).</summary>
    public bool ScopedTrust { get; init; } = true;
    /// <summary>Trust policy size limit in characters (2,048 by default, raisable by quota).</summary>
    public int TrustSizeLimit { get; init; } = 2048;
}
