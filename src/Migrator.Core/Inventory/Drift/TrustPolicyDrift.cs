namespace Migrator.Core.Inventory.Drift;

/// <summary>
/// A referenced role whose trust policy changed between runs (compared as JSON, not as text), or that was deleted
/// (Removed) or re-created (Added). <see cref="ByTool"/> is true when the tool's own journal accounts for it.
/// </summary>
public sealed record TrustPolicyDrift(string RoleArn, DriftKind Kind, string? PreviousDocument, string? CurrentDocument, bool ByTool);

/// <summary>
/// One role read in both runs (without a lookup error in either) whose existence or trust policy text differs: what
/// storage hands the drift engine (<see cref="Ports.IInventoryStore.LoadTrustPolicyChangesAsync"/>) instead of both runs'
/// every trust policy. Texts that differ only in layout are judged unchanged by the engine (compared as JSON).
/// </summary>
public sealed record TrustPolicyPair(string RoleArn, bool PreviousExists, string? PreviousDocument, bool CurrentExists, string? CurrentDocument)
{
    /// <summary>The pairs of two runs held whole (what a store finds with a query).</summary>
    public static List<TrustPolicyPair> Of(InventorySnapshot previous, InventorySnapshot current)
    {
        var before = previous.Roles.Where(r => r.LookupError is null).GroupBy(r => r.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return current.Roles.Where(r => r.LookupError is null)
            .DistinctBy(r => r.Arn)
            .Where(now => before.TryGetValue(now.Arn, out var was) && (was.Exists != now.Exists || !string.Equals(was.TrustPolicy, now.TrustPolicy, StringComparison.Ordinal)))
            .Select(now => new TrustPolicyPair(now.Arn, before[now.Arn].Exists, before[now.Arn].TrustPolicy, now.Exists, now.TrustPolicy))
            .OrderBy(p => p.RoleArn, StringComparer.Ordinal)
            .ToList();
    }
}
