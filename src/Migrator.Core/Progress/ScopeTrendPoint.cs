namespace Migrator.Core.Progress;

/// <summary>The scope's progress in one complete run: identities of the scope on Pod Identity ÷ scope.</summary>
public sealed record ScopeTrendPoint(long RunId, DateTimeOffset At, int Scope, int OnPodIdentity)
{
    public double Percent => Scope == 0 ? 0 : Math.Round(100.0 * OnPodIdentity / Scope, 1, MidpointRounding.AwayFromZero);
}
