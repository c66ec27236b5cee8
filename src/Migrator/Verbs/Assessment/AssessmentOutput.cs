using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Migrator.Core.Assessment;

namespace Migrator.Verbs.Assessment;

/// <summary>Renders assessments as text tables, JSON or CSV for the assess and explain verbs.</summary>
internal static class AssessmentOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(), new Core.Text.IsoDurationJsonConverter() },
    };

    /// <summary>Categories in declaration order (Ready, Coordinate, KeepIrsa, Broken, Unused, Migrated), for tables.</summary>
    private static readonly BindingCategory[] Columns = Enum.GetValues<BindingCategory>();

    public static void WriteSummary(TextWriter w, AssessmentResult result)
    {
        var onPodIdentity = result.Bindings.Count(b => b.OnPodIdentity);
        w.WriteLine($"Assessment of inventory run {result.RunId} at {result.AssessedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {result.Bindings.Count} workload identities "
            + $"({result.Bindings.Count(b => b.IrsaAnnotated)} with the IRSA annotation), {onPodIdentity} on Pod Identity, {result.RoleFindings.Count} role findings.");
        w.WriteLine();
        Table(w, ["Lifecycle", "Identities", "On Pod Identity"], Enum.GetValues<IdentityLifecycle>()
            .Select(l => (l, items: result.Bindings.Where(b => b.Lifecycle == l).ToList()))
            .Select(x => new[] { x.l.ToString(), x.items.Count.ToString(), x.items.Count(b => b.OnPodIdentity).ToString() })
            .ToList());
        w.WriteLine();
        var byCategory = Columns
            .Select(c => (c, items: result.Bindings.Where(b => b.Category == c).ToList()))
            .Select(x => new[] { x.c.ToString(), x.items.Count.ToString(), AverageScore(x.items) })
            .Append(["Total", result.Bindings.Count.ToString(), AverageScore(result.Bindings)])
            .ToList();
        Table(w, ["Category", "Bindings", "Avg score"], byCategory);
        w.WriteLine();

        var clusters = result.Bindings.GroupBy(b => b.Key.Cluster.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[] { g.Key }.Concat(Columns.Select(c => g.Count(b => b.Category == c).ToString())).Append(g.Count().ToString()).ToArray())
            .ToList();
        Table(w, ["Cluster", .. Columns.Select(c => c.ToString()), "Total"], clusters);
        w.WriteLine();

        var top = result.Bindings.SelectMany(b => b.Reasons).GroupBy(r => r.Code)
            .Select(g => (Code: g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Code, StringComparer.Ordinal).Take(10)
            .Select(x => new[] { x.Code, x.Count.ToString(), ReasonCatalog.IsKnown(x.Code) ? ReasonCatalog.Get(x.Code).Title : "" })
            .ToList();
        if (top.Count > 0)
        {
            w.WriteLine("Top reasons:");
            Table(w, ["Reason", "Count", "Meaning"], top);
            w.WriteLine();
        }
        if (result.RoleFindings.Count > 0)
        {
            w.WriteLine("Role findings:");
            Table(w, ["Severity", "Finding", "Role", "Summary"], result.RoleFindings
                .OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.RoleArn, StringComparer.Ordinal)
                .Select(f => new[] { f.Severity.ToString(), f.Code, f.RoleArn, f.Summary }).ToList());
            w.WriteLine();
        }
        w.WriteLine("Explain one binding: migrator explain CLUSTER/NAMESPACE/SERVICEACCOUNT");
    }

    /// <summary>The binding CSV: the same schema as the report's CSV (<see cref="Reports.Rendering.BindingCsv"/>).</summary>
    public static void WriteCsv(TextWriter w, AssessmentResult result) =>
        w.Write(Reports.Rendering.BindingCsv.Write(result.RunId, result.Bindings.Select(Reports.BindingRows.Of)));

    public static void WriteExplanation(TextWriter w, BindingAssessment b, IReadOnlyList<RoleFinding> roleFindings, long runId)
    {
        w.WriteLine($"{b.Key.Display}  ({b.Key.Cluster.Key}, inventory run {runId})");
        w.WriteLine($"  role:      {b.RoleArn}{(b.IrsaAnnotated ? "" : "    (no IRSA annotation)")}");
        w.WriteLine($"  lifecycle: {b.Lifecycle}{(b.AssociationRoleArn is { } a ? $"    association role: {a}" : "    no Pod Identity association")}{(b.OnPodIdentity ? "    on Pod Identity" : "")}");
        w.WriteLine($"  category:  {b.Category}    score: {b.Score}/100{(b.CanaryCandidate ? "    canary candidate" : "")}");
        w.WriteLine($"  pods:      {b.PodCount}    workloads: {(b.Workloads.Count == 0 ? "none" : string.Join(", ", b.Workloads.Select(x => $"{x.Kind}/{x.Name}")))}");
        if (b.CoordinationGroup is not null) w.WriteLine($"  migrate together with the other bindings of {b.CoordinationGroup}");
        if (b.OwningAddon is not null) w.WriteLine($"  owned by add-on {b.OwningAddon}");
        w.WriteLine();
        if (b.Reasons.Count == 0)
            w.WriteLine(b.IrsaAnnotated ? "  No findings: the binding can move to Pod Identity on its own." : "  No findings.");
        foreach (var r in b.Reasons)
        {
            w.WriteLine($"  [{r.Severity}] {r.Code} (-{r.ScoreImpact}): {r.Summary}");
            w.WriteLine($"      evidence: {r.Evidence}");
            w.WriteLine($"      action:   {r.SuggestedAction}");
        }
        if (roleFindings.Count == 0) return;
        w.WriteLine();
        w.WriteLine("  Role findings:");
        foreach (var f in roleFindings)
        {
            w.WriteLine($"  [{f.Severity}] {f.Code}: {f.Summary}");
            w.WriteLine($"      evidence: {f.Evidence}");
            w.WriteLine($"      action:   {f.SuggestedAction}");
        }
    }

    private static string AverageScore(IReadOnlyCollection<BindingAssessment> items) =>
        items.Count == 0 ? "-" : Math.Round(items.Average(b => b.Score)).ToString();

    private static void Table(TextWriter w, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        w.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var row in rows)
            w.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }
}
