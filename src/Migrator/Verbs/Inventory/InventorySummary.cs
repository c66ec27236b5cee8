using Migrator.Core.Inventory;

namespace Migrator.Verbs.Inventory;

/// <summary>The end-of-run summary `migrator inventory` prints (text or JSON).</summary>
internal sealed record InventorySummary(
    long RunId,
    RunStatus Status,
    TimeSpan Duration,
    int Clusters,
    int ClustersFailed,
    int Bindings,
    int Pods,
    int Roles,
    int OidcProviders,
    int Associations,
    IReadOnlyList<CollectionError> Errors,
    IReadOnlyList<CollectionNote> Notes)
{
    /// <summary>Counts from the stored run; errors, notes and failed clusters from the run as collected.</summary>
    public static InventorySummary Of(InventorySnapshot s, RunSummary stored, TimeSpan duration) => new(
        stored.RunId,
        stored.Status,
        TimeSpan.FromMilliseconds(Math.Round(duration.TotalMilliseconds)),
        stored.Clusters,
        s.Clusters.Count(c => c.CollectionError is not null),
        stored.Bindings,
        stored.Pods,
        stored.Roles,
        s.OidcProviders.Count,
        s.Associations.Count,
        s.Errors,
        s.Notes);

    public void WriteText(TextWriter w)
    {
        w.WriteLine($"run {RunId}: {Status.ToString().ToLowerInvariant()} in {Core.Text.DurationText.Format(Duration)}");
        w.WriteLine($"  clusters      {Clusters}{(ClustersFailed > 0 ? $" ({ClustersFailed} failed)" : "")}");
        w.WriteLine($"  bindings      {Bindings}");
        w.WriteLine($"  pods          {Pods}");
        w.WriteLine($"  roles         {Roles}");
        w.WriteLine($"  providers     {OidcProviders}");
        w.WriteLine($"  associations  {Associations}");
        w.WriteLine($"  errors        {Errors.Count}");
        foreach (var e in Errors)
            w.WriteLine($"    {e.Scope} {e.Target}: {e.Operation}: {e.Message}");
        if (Notes.Count == 0)
            return;
        w.WriteLine($"  notes         {Notes.Count}");
        foreach (var n in Notes)
            w.WriteLine($"    {n.Scope} {n.Target}: {n.Operation}: {n.Message}");
    }
}
