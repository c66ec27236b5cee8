using Migrator.Core.Inventory.Sharding;

namespace Migrator.Verbs.Inventory;

/// <summary>The shards of a sharded run, as `runs show` prints them: who stored each, when, and how long it took.</summary>
internal static class ShardText
{
    public static void Write(TextWriter w, IReadOnlyList<InventoryShard> shards)
    {
        if (shards.Count == 0)
            return;
        w.WriteLine();
        var workers = shards.Select(s => s.Worker).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        w.WriteLine($"shards: {shards.Count} (account and region), {shards.Count(s => s.Status == ShardStatus.Done)} stored, {shards.Count(s => s.Status == ShardStatus.Failed)} failed, " +
            $"{shards.Count(s => !s.Finished)} not finished; taken by {workers} worker(s)");
        foreach (var s in shards)
        {
            var took = s is { StartedAt: { } start, CompletedAt: { } end } ? $" in {Core.Text.DurationText.Format(end - start)}" : "";
            var by = s.Worker is null ? "" : $" by {s.Worker}";
            var attempts = s.Attempts > 1 ? $" ({s.Attempts} attempts)" : "";
            w.WriteLine($"  {s.Index,3} {s.Key}: {s.Status.ToString().ToLowerInvariant()}{by}{took}{attempts}{(s.Error is null ? "" : $": {s.Error}")}");
        }
    }
}
