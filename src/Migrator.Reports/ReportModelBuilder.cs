using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>
/// Maps recorded stages (snapshot, assessment, plan/journal, earlier runs) into the report view model. Pure: no I/O,
/// no clock (the generation time is an input), deterministic ordering so golden files hold.
/// </summary>
public sealed class ReportModelBuilder(ReportSettings settings, ITrustPolicyProjection? trust = null)
{
    public ReportModel Build(ReportInput input)
    {
        var snapshot = input.Snapshot;
        var bindings = input.Assessment.Bindings
            .OrderBy(b => b.Key.Cluster.Key, StringComparer.Ordinal)
            .ThenBy(b => b.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(b => b.Key.ServiceAccount, StringComparer.Ordinal)
            .ToList();
        var model = new ReportModel
        {
            GeneratedAt = Time(input.GeneratedAt),
            RunId = snapshot.RunId,
            RunStartedAt = Time(snapshot.StartedAt),
            RunStatus = snapshot.Status.ToString(),
            AssessedAt = Time(input.Assessment.AssessedAt),
            PreviousRunId = input.PreviousSnapshot?.RunId,
            TopN = settings.TopN,
            Reasons = Reasons(bindings),
            Clusters = Clusters(snapshot, bindings),
            KeepIrsa = KeepIrsa(bindings),
            Broken = Broken(bindings),
            Bindings = new LazyRows<BindingAssessment, BindingRowView>(bindings, BindingRows.Of),
            CollectionErrors = snapshot.Errors.Select(e => $"{e.Scope} {e.Target}: {e.Operation} failed: {e.Message}").ToList(),
        };
        model.Cleanup = ProgressMapping.Cleanup(bindings);
        model.Regressions = ProgressMapping.Regressions(input.ScopeProgress);
        if (input.ScopeProgress is { } progress)
        {
            model.Scope = ProgressMapping.Scope(progress, snapshot.RunId);
            ProgressMapping.CountClusters(model.Clusters, progress);
        }
        var window = Window(input, bindings);
        model.Trend = Trend(window);
        model.Categories = Categories(bindings);
        model.Summary = SummaryMapping.Build(snapshot, bindings, model, input.Plan, input.ScopeProgress);
        model.Summary.Pace = Pace(window, model.Summary.Movable);
        var roleUse = bindings.GroupBy(b => b.RoleArn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Bindings: g.Count(), Clusters: g.Select(b => b.Key.Cluster.Key).Distinct().Count()), StringComparer.Ordinal);
        foreach (var finding in input.Assessment.RoleFindings.OrderBy(f => f.RoleArn, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal))
        {
            var use = roleUse.TryGetValue(finding.RoleArn, out var u) ? u : (Bindings: 0, Clusters: 0);
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
        model.Drift = input.PreviousSnapshot is null ? null : Drift(input, snapshot, bindings);
        model.Comparison = new ComparisonMapping(settings, trust).Build(snapshot, bindings, input.TrustPolicies);
        return model;
    }

    private static DriftView Drift(ReportInput input, InventorySnapshot snapshot, List<BindingAssessment> bindings)
    {
        var (previous, current) = input.BindingChanges is { } changes ? changes.Apply(input.PreviousSnapshot!, snapshot) : (input.PreviousSnapshot!, snapshot);
        return DriftMapping.Build(previous, input.PreviousAssessment, current, bindings, input.ToolChanges, input.TrustChanges);
    }

    /// <summary>The runs of the trend window, oldest first, the current run last.</summary>
    private List<RunHistoryPoint> Window(ReportInput input, List<BindingAssessment> bindings)
    {
        var current = RunHistoryPoint.From(input.Snapshot.RunId, input.Snapshot.StartedAt, input.Assessment with { Bindings = bindings });
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

    private static List<CategoryView> Categories(List<BindingAssessment> bindings) =>
        CategoryCatalog.All.Select(c =>
        {
            var count = bindings.Count(b => b.Category == c.Category);
            return new CategoryView { Key = c.Category.ToString(), Label = c.Label, Meaning = c.Meaning, Color = c.Color, Count = count, Percent = Percent(count, bindings.Count) };
        })
        // Unassessed appears only when a role could not be read: an estate read in full never shows the row.
        .Where(v => v.Count > 0 || v.Key != nameof(BindingCategory.Unassessed))
        .ToList();

    /// <summary>
    /// One row per reason code: the most severe severity, the first binding's texts, and the bindings (overall and per
    /// category) that carry it. One pass: the bindings come sorted by key, so a binding's reasons, and equal keys, are adjacent.
    /// </summary>
    private static List<ReasonView> Reasons(List<BindingAssessment> bindings)
    {
        var byCode = new Dictionary<string, ReasonTally>(StringComparer.Ordinal);
        foreach (var b in bindings)
        {
            foreach (var r in b.Reasons)
            {
                if (!byCode.TryGetValue(r.Code, out var tally))
                    byCode[r.Code] = tally = new ReasonTally(r);
                tally.Add(b, r);
            }
        }
        return byCode.Values
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
    }

    /// <summary>The bindings carrying one reason code, counted once each (overall and per category).</summary>
    private sealed class ReasonTally(AssessmentReason first)
    {
        private BindingKey? _last;

        public AssessmentReason First { get; } = first;
        public ReasonSeverity Severity { get; private set; } = first.Severity;
        public int Count { get; private set; }
        public Dictionary<BindingCategory, int> ByCategory { get; } = [];

        public void Add(BindingAssessment binding, AssessmentReason reason)
        {
            if (reason.Severity > Severity) Severity = reason.Severity;
            if (binding.Key.Equals(_last)) return;
            _last = binding.Key;
            Count++;
            ByCategory[binding.Category] = ByCategory.GetValueOrDefault(binding.Category) + 1;
        }
    }

    private static List<ClusterView> Clusters(InventorySnapshot snapshot, List<BindingAssessment> bindings)
    {
        var byCluster = bindings.GroupBy(b => b.Key.Cluster.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var refs = snapshot.Clusters.Select(c => c.Ref).Concat(bindings.Select(b => b.Key.Cluster)).DistinctBy(c => c.Key);
        var inventoried = snapshot.Clusters.DistinctBy(c => c.Ref.Key).ToDictionary(c => c.Ref.Key, StringComparer.Ordinal);
        return refs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(r =>
        {
            var inv = inventoried.GetValueOrDefault(r.Key);
            var list = byCluster.TryGetValue(r.Key, out var l) ? l : [];
            int N(BindingCategory c) => list.Count(b => b.Category == c);
            return new ClusterView
            {
                Key = r.Key,
                Name = r.Name,
                Account = r.AccountId,
                Region = r.Region,
                KubernetesVersion = inv?.KubernetesVersion ?? "",
                AgentStatus = inv is null ? "not inventoried" : inv.AutoMode ? "built in (Auto Mode)" : inv.PodIdentityAgentStatus ?? "not installed",
                Issuer = Issuer(inv?.OidcIssuer),
                Total = list.Count,
                Ready = N(BindingCategory.Ready),
                Coordinate = N(BindingCategory.Coordinate),
                KeepIrsa = N(BindingCategory.KeepIrsa),
                Broken = N(BindingCategory.Broken),
                Unused = N(BindingCategory.Unused),
                Migrated = N(BindingCategory.Migrated),
                MigratedPercent = Percent(N(BindingCategory.Migrated), list.Count),
                CollectionError = inv?.CollectionError,
            };
        }).ToList();
    }

    private static LazyRows<BindingAssessment, KeepIrsaView> KeepIrsa(List<BindingAssessment> bindings) =>
        new(bindings.Where(b => b.Category == BindingCategory.KeepIrsa).ToList(), b =>
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
        });

    private static LazyRows<BindingAssessment, BrokenView> Broken(List<BindingAssessment> bindings) =>
        new(bindings.Where(b => b.Category == BindingCategory.Broken).ToList(), b =>
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
        });

    /// <summary>The reasons that decide the category: blockers first; if there are none, warnings; else all.</summary>
    internal static List<AssessmentReason> Decisive(BindingAssessment b)
    {
        var max = b.Reasons.Count == 0 ? ReasonSeverity.Info : b.Reasons.Max(r => r.Severity);
        return b.Reasons.Where(r => r.Severity == max).ToList();
    }
}
