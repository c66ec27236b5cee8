using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>
/// Maps recorded stages (snapshot, assessment, plan/journal, earlier runs) into the report view model: the run's bindings
/// are tallied in one pass (<see cref="ReportTally"/>) and read again only by the lists a format writes in full. No I/O
/// of its own (the bindings come from <see cref="ReportInput.Feed"/>), no clock (the generation time is an input),
/// deterministic ordering so golden files hold.
/// </summary>
public sealed class ReportModelBuilder(ReportSettings settings, ITrustPolicyProjection? trust = null)
{
    /// <summary>The report of <paramref name="input"/>: its bindings tallied in one pass, then the model.</summary>
    public ReportModel Build(ReportInput input)
    {
        var fed = input with { Feed = FeedOf(input) };
        return Build(fed, Tally(fed));
    }

    /// <summary>The input's bindings: its feed, or its assessment's own put in key order.</summary>
    private static IBindingFeed FeedOf(ReportInput input) => input.Feed ?? new HeldBindings(input.Assessment.Bindings);

    /// <summary>
    /// One pass over the run's bindings (<see cref="ReportInput.Feed"/>, or the assessment's own): everything the report
    /// counts, and the first TopN rows of each list. The generator reads which trust policies to load from it.
    /// </summary>
    public ReportTally Tally(ReportInput input)
    {
        var previous = input.PreviousAssessment?.Bindings.ToDictionary(b => b.Key.ToString(), b => b.Category, StringComparer.Ordinal);
        var tally = new ReportTally(settings, input.Snapshot, previous);
        foreach (var b in FeedOf(input).Read(Core.Ports.AssessmentParts.ForReport))
            tally.Add(b);
        return tally;
    }

    /// <summary>The model from the tally of <paramref name="input"/>'s bindings; its long lists read the feed again when enumerated.</summary>
    public ReportModel Build(ReportInput input, ReportTally tally)
    {
        var snapshot = input.Snapshot;
        var feed = FeedOf(input);
        var model = new ReportModel
        {
            GeneratedAt = Time(input.GeneratedAt),
            RunId = snapshot.RunId,
            RunStartedAt = Time(snapshot.StartedAt),
            RunStatus = snapshot.Status.ToString(),
            AssessedAt = Time(input.Assessment.AssessedAt),
            PreviousRunId = input.PreviousSnapshot?.RunId,
            TopN = settings.TopN,
            Reasons = Reasons(tally),
            Clusters = Clusters(snapshot, tally),
            KeepIrsa = new RowList<KeepIrsaView>(tally.Count(BindingCategory.KeepIrsa), tally.FirstKeepIrsa,
                () => feed.Read(Core.Ports.AssessmentParts.ForReport).Where(b => b.Category == BindingCategory.KeepIrsa).Select(KeepIrsaRow)),
            Broken = new RowList<BrokenView>(tally.Count(BindingCategory.Broken), tally.FirstBroken,
                () => feed.Read(Core.Ports.AssessmentParts.ForReport).Where(b => b.Category == BindingCategory.Broken).Select(BrokenRow)),
            Cleanup = new RowList<CleanupItemView>(tally.CleanupItems, tally.FirstCleanup,
                () => feed.Read(Core.Ports.AssessmentParts.ForReport).Where(b => b.OnPodIdentity).SelectMany(ProgressMapping.CleanupItems)),
            Bindings = new RowList<BindingRowView>(tally.Total, tally.FirstBindings,
                () => feed.Read(Core.Ports.AssessmentParts.ForReport).Select(BindingRows.Of)),
            CollectionErrors = snapshot.Errors.Select(e => $"{e.Scope} {e.Target}: {e.Operation} failed: {e.Message}").ToList(),
        };
        // Counted once: the scope view, the clusters and the headline all read the members' counts.
        var scopeProgress = input.ScopeProgress?.Summarized();
        model.Regressions = ProgressMapping.Regressions(scopeProgress);
        if (scopeProgress is { } progress)
        {
            model.Scope = ProgressMapping.Scope(progress, snapshot.RunId);
            ProgressMapping.CountClusters(model.Clusters, progress);
        }
        var window = Window(input, tally);
        model.Trend = Trend(window);
        model.Categories = Categories(tally);
        model.Summary = SummaryMapping.Build(snapshot, tally, model, input.Plan, scopeProgress);
        model.Summary.Pace = Pace(window, model.Summary.Movable);
        foreach (var finding in input.Assessment.RoleFindings.OrderBy(f => f.RoleArn, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal))
        {
            var use = tally.Roles.TryGetValue(finding.RoleArn, out var u) ? u : (Bindings: 0, Clusters: 0, LastCluster: "");
            var view = new RoleFindingView
            {
                RoleArn = finding.RoleArn,
                Code = finding.Code,
                Severity = finding.Severity.ToString(),
                Summary = finding.Summary,
                Evidence = finding.Evidence,
                SuggestedAction = finding.SuggestedAction,
                Bindings = use.Bindings,
                Clusters = use.Clusters,
            };
            // Assessment codes name what they found: "role.shared..." for shared roles, anything else is about breadth.
            (finding.Code.Contains("shared", StringComparison.OrdinalIgnoreCase) ? model.SharedRoles : model.OverBroadRoles).Add(view);
        }
        model.Plan = input.Plan is null ? null : PlanMapping.Build(input.Plan, settings.TopN);
        model.Drift = input.PreviousSnapshot is null ? null : Drift(input, snapshot, tally);
        model.Comparison = new ComparisonMapping(settings, trust).Build(snapshot, tally, feed, input.TrustPolicies);
        return model;
    }

    private static DriftView Drift(ReportInput input, InventorySnapshot snapshot, ReportTally tally)
    {
        var (previous, current) = input.BindingChanges is { } changes ? changes.Apply(input.PreviousSnapshot!, snapshot) : (input.PreviousSnapshot!, snapshot);
        return DriftMapping.Build(previous, current, input.PreviousAssessment is null ? null : tally.CategoryChanges, input.ToolChanges, input.TrustChanges);
    }

    /// <summary>The runs of the trend window, oldest first, the current run last.</summary>
    private List<RunHistoryPoint> Window(ReportInput input, ReportTally tally)
    {
        var current = new RunHistoryPoint(input.Snapshot.RunId, input.Snapshot.StartedAt, tally.CategoryCounts);
        return input.History.Where(h => h.RunId != current.RunId)
            .Append(current)
            .OrderBy(h => h.At).ThenBy(h => h.RunId)
            .TakeLast(settings.TrendRuns)
            .ToList();
    }

    private static List<TrendPointView> Trend(List<RunHistoryPoint> window) =>
        window.Select(h => new TrendPointView
            {
                RunId = h.RunId,
                At = Time(h.At),
                Total = h.Total,
                Migrated = h.Count(BindingCategory.Migrated),
                Movable = h.Count(BindingCategory.Ready) + h.Count(BindingCategory.Coordinate),
                KeepIrsa = h.Count(BindingCategory.KeepIrsa),
                Broken = h.Count(BindingCategory.Broken),
            })
            .ToList();

    /// <summary>When will we be done: the migration pace over the trend window applied to what can still move.</summary>
    private static string Pace(List<RunHistoryPoint> window, int movable)
    {
        if (movable == 0) return "Nothing left that can move.";
        if (window.Count < 2) return "Not enough runs yet to estimate the pace.";
        var (first, last) = (window[0], window[^1]);
        var gained = last.Count(BindingCategory.Migrated) - first.Count(BindingCategory.Migrated);
        var days = (last.At - first.At).TotalDays;
        if (gained <= 0 || days <= 0)
            return $"No net migration over the last {window.Count} runs: at this pace the {movable.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} movable binding(s) will not finish.";
        var perDay = gained / days;
        var eta = (int)Math.Ceiling(movable / perDay);
        return $"At the pace of the last {window.Count} runs ({Math.Round(perDay, 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} bindings/day), the {movable.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} movable binding(s) need about {eta.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} more day(s).";
    }

    private static List<CategoryView> Categories(ReportTally tally) =>
        CategoryCatalog.All.Select(c =>
        {
            var count = tally.Count(c.Category);
            return new CategoryView { Key = c.Category.ToString(), Label = c.Label, Meaning = c.Meaning, Color = c.Color, Count = count, Percent = Percent(count, tally.Total) };
        })
        // Unassessed appears only when a role could not be read: an estate read in full never shows the row.
        .Where(v => v.Count > 0 || v.Key != nameof(BindingCategory.Unassessed))
        .ToList();

    /// <summary>One row per reason code: the most severe severity, the first binding's texts, and the bindings (overall and per category) that carry it.</summary>
    private static List<ReasonView> Reasons(ReportTally tally) =>
        tally.Reasons.Values
            .Select(t => new ReasonView
            {
                Code = t.First.Code,
                Severity = t.Severity.ToString(),
                Summary = t.First.Summary,
                SuggestedAction = t.First.SuggestedAction,
                Count = t.Count,
                Categories = string.Join(", ", t.ByCategory.OrderBy(c => c.Key).Select(c => $"{CategoryCatalog.Label(c.Key)} {c.Value}")),
            })
            .OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();

    private static List<ClusterView> Clusters(InventorySnapshot snapshot, ReportTally tally)
    {
        var refs = snapshot.Clusters.Select(c => c.Ref).Concat(tally.Clusters.Values.Select(c => c.Ref)).DistinctBy(c => c.Key);
        var inventoried = snapshot.Clusters.DistinctBy(c => c.Ref.Key).ToDictionary(c => c.Ref.Key, StringComparer.Ordinal);
        var none = new int[Enum.GetValues<BindingCategory>().Length];
        return refs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(r =>
        {
            var inv = inventoried.GetValueOrDefault(r.Key);
            var counts = tally.Clusters.TryGetValue(r.Key, out var c) ? c.ByCategory : none;
            int N(BindingCategory category) => counts[(int)category];
            return new ClusterView
            {
                Key = r.Key,
                Name = r.Name,
                Account = r.AccountId,
                Region = r.Region,
                KubernetesVersion = inv?.KubernetesVersion ?? "",
                AgentStatus = inv is null ? "not inventoried" : inv.AutoMode ? "built in (Auto Mode)" : inv.PodIdentityAgentStatus ?? "not installed",
                Issuer = Issuer(inv?.OidcIssuer),
                Total = counts.Sum(),
                Ready = N(BindingCategory.Ready),
                Coordinate = N(BindingCategory.Coordinate),
                KeepIrsa = N(BindingCategory.KeepIrsa),
                Broken = N(BindingCategory.Broken),
                Unused = N(BindingCategory.Unused),
                Migrated = N(BindingCategory.Migrated),
                MigratedPercent = Percent(N(BindingCategory.Migrated), counts.Sum()),
                CollectionError = inv?.CollectionError,
            };
        }).ToList();
    }

    internal static KeepIrsaView KeepIrsaRow(BindingAssessment b)
    {
        var reasons = Decisive(b);
        return new KeepIrsaView
        {
            Binding = b.Key.Display,
            Cluster = b.Key.Cluster.Key,
            RoleArn = b.RoleArn,
            ReasonCodes = string.Join(", ", reasons.Select(r => r.Code)),
            Why = string.Join("; ", reasons.Select(r => r.Summary)),
            Alternative = string.Join("; ", reasons.Select(r => r.SuggestedAction).Where(a => a.Length > 0).Distinct()),
        };
    }

    internal static BrokenView BrokenRow(BindingAssessment b)
    {
        var reasons = Decisive(b);
        return new BrokenView
        {
            Binding = b.Key.Display,
            Cluster = b.Key.Cluster.Key,
            RoleArn = b.RoleArn,
            FailureMode = string.Join("; ", reasons.Select(r => r.Summary)),
            Evidence = string.Join("; ", reasons.Select(r => r.Evidence).Where(e => e.Length > 0)),
            Fix = string.Join("; ", reasons.Select(r => r.SuggestedAction).Where(a => a.Length > 0).Distinct()),
        };
    }

    /// <summary>The reasons that decide the category: blockers first; if there are none, warnings; else all.</summary>
    internal static List<AssessmentReason> Decisive(BindingAssessment b)
    {
        var max = b.Reasons.Count == 0 ? ReasonSeverity.Info : b.Reasons.Max(r => r.Severity);
        return b.Reasons.Where(r => r.Severity == max).ToList();
    }
}
