namespace Migrator.Core.Evidence;

/// <summary>Evidence of use from CloudTrail. Bound from configuration section "Evidence".</summary>
public sealed record EvidenceSettings
{
    public const string Section = "Evidence";

    /// <summary>Read CloudTrail at inventory and gate cleanups on it. Off: cleanups run on the soak and pod env alone.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>How far back the inventory looks for uses (LookupEvents keeps 90 days).</summary>
    /// <remarks>
    /// LookupEvents answers 50 events a call at 2 calls a second per account and region (about 360,000 events an hour):
    /// every IRSA pod assumes its role about hourly, so keep the window short on large estates; IAM's RoleLastUsed covers
    /// the long view (unused.no-recent-use).
    /// </remarks>
    public TimeSpan LookbackWindow { get; init; } = TimeSpan.FromDays(7);
    /// <summary>
    /// How long CloudTrail may take to make an event visible to LookupEvents (about 5 minutes typically, up to 15): the
    /// absence of IRSA use is only conclusive once this has passed since the cut-over.
    /// </summary>
    public TimeSpan DeliveryDelay { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>
    /// The most LookupEvents pages the inventory reads per account, region and kind (newest first; 50 events a page at 2
    /// pages a second: 600 pages, 30,000 events, about 5 minutes). A sweep that stops there covers only its newest part:
    /// its run gets a note, and its identities' window starts where it stopped, so an older use is never taken as absent.
    /// </summary>
    public int MaxPagesPerSweep { get; init; } = 600;

    /// <summary>Every problem with its configuration path.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (LookbackWindow <= TimeSpan.Zero || LookbackWindow > TimeSpan.FromDays(90))
            problems.Add($"{Section}:LookbackWindow must be more than 0 and at most 90.00:00:00 (LookupEvents keeps 90 days), not {LookbackWindow}");
        if (MaxPagesPerSweep < 1)
            problems.Add($"{Section}:MaxPagesPerSweep must be at least 1 (pages of 50 CloudTrail events per account, region and kind), not {MaxPagesPerSweep}");
        if (DeliveryDelay < TimeSpan.Zero || DeliveryDelay > TimeSpan.FromHours(24))
            problems.Add($"{Section}:DeliveryDelay must be between 00:00:00 and 1.00:00:00 (CloudTrail delivers within about 15 minutes), not {DeliveryDelay}");
        return problems;
    }
}
