namespace Migrator.Core.Evidence;

/// <summary>Where the CloudTrail sweeps of an inventory stand: sweeps done of all, and pages read so far.</summary>
public sealed record EvidenceProgress(int SweepsDone, int Sweeps, long Pages);
