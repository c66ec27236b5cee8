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

    /// <summary>Every problem with its configuration path.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (LookbackWindow <= TimeSpan.Zero || LookbackWindow > TimeSpan.FromDays(90))
            problems.Add($"{Section}:LookbackWindow must be more than 0 and at most 90.00:00:00 (LookupEvents keeps 90 days), not {LookbackWindow}");
        if (DeliveryDelay < TimeSpan.Zero || DeliveryDelay > TimeSpan.FromHours(24))
            problems.Add($"{Section}:DeliveryDelay must be between 00:00:00 and 1.00:00:00 (CloudTrail delivers within about 15 minutes), not {DeliveryDelay}");
        return problems;
    }
}
