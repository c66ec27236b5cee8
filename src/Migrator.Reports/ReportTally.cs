using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>
/// Everything a report counts over a run's bindings, from one pass in <see cref="BindingOrder"/> (<see cref="Add"/>):
/// counts per category, per cluster, per reason code, per role, per OIDC issuer and account, the category moves since
/// the previous run, and the first TopN rows of each binding list. It holds no binding: memory grows with the roles,
/// clusters and codes of the estate, not with its bindings. Pure.
/// </summary>
public sealed class ReportTally
{
    private readonly int _topN;
    private readonly IReadOnlyDictionary<ClusterRef, string> _issuers;
    private readonly HashSet<string> _rolesWithTrust;
    private readonly HashSet<string> _roleArns;
    private readonly IReadOnlyDictionary<string, BindingCategory>? _previous;
    private readonly int[] _byCategory = new int[Enum.GetValues<BindingCategory>().Length];

    /// <param name="settings">The report's settings (TopN: how many rows of each list are held).</param>
    /// <param name="snapshot">The run's outline: its clusters' issuers and the roles that have a trust policy.</param>
    /// <param name="previousCategories">The previous run's category per binding key (drift), or null.</param>
    public ReportTally(ReportSettings settings, InventorySnapshot snapshot, IReadOnlyDictionary<string, BindingCategory>? previousCategories = null)
    {
        _topN = Math.Max(0, settings.TopN);
        _issuers = snapshot.Clusters.DistinctBy(c => c.Ref).ToDictionary(c => c.Ref, c => Issuer(c.OidcIssuer));
        _rolesWithTrust = snapshot.Roles.Where(r => r.Exists && r.HasTrustPolicy).Select(r => r.Arn).ToHashSet(StringComparer.Ordinal);
        _roleArns = snapshot.Roles.Select(r => r.Arn).ToHashSet(StringComparer.Ordinal);
        _previous = previousCategories;
    }

    public int Total { get; private set; }
    public int CleanupPending { get; private set; }
    /// <summary>Migrated bindings whose ServiceAccount still carries the IRSA annotation.</summary>
    public int AnnotationsRemovableNow { get; private set; }
    public int CrossAccount { get; private set; }
    public int CrossAccountKeepIrsa { get; private set; }

    internal Dictionary<string, ReasonTally> Reasons { get; } = new(StringComparer.Ordinal);
    /// <summary>Per code, in first-seen order: the keep-IRSA bindings a Blocker or Warning reason keeps on IRSA.</summary>
    internal Dictionary<string, (string Summary, int Count)> KeepIrsaReasons { get; } = new(StringComparer.Ordinal);
    /// <summary>Per cluster key, in first-seen order: the cluster and its bindings per category.</summary>
    internal Dictionary<string, (ClusterRef Ref, int[] ByCategory)> Clusters { get; } = new(StringComparer.Ordinal);
    /// <summary>Per role: its bindings and the clusters they are in.</summary>
    internal Dictionary<string, (int Bindings, int Clusters, string LastCluster)> Roles { get; } = new(StringComparer.Ordinal);
    /// <summary>Per (issuer, role account): bindings, migrated, keep-IRSA.</summary>
    internal Dictionary<(string Issuer, string Account), (int Bindings, int Migrated, int KeepIrsa)> IssuerUsers { get; } = [];
    internal HashSet<string> RoleAccounts { get; } = new(StringComparer.Ordinal);
    /// <summary>Moving bindings (ready, coordinate, migrated) per role with a trust policy.</summary>
    internal Dictionary<string, int> MovingByRole { get; } = new(StringComparer.Ordinal);
    /// <summary>Bindings per non-empty issuer and per cluster name, in first-seen order.</summary>
    internal Dictionary<string, int> ByIssuer { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, int> ByClusterName { get; } = new(StringComparer.Ordinal);
    internal List<DriftRowView> CategoryChanges { get; } = [];

    internal List<BindingRowView> FirstBindings { get; } = [];
    internal List<KeepIrsaView> FirstKeepIrsa { get; } = [];
    internal List<BrokenView> FirstBroken { get; } = [];
    internal List<CleanupItemView> FirstCleanup { get; } = [];
    public int CleanupItems { get; private set; }

    public int Count(BindingCategory category) => _byCategory[(int)category];

    /// <summary>Category counts of the run (the trend's current point).</summary>
    public IReadOnlyDictionary<BindingCategory, int> CategoryCounts =>
        Enum.GetValues<BindingCategory>().Where(c => Count(c) > 0).ToDictionary(c => c, Count);

    public string IssuerOf(BindingAssessment b) => _issuers.TryGetValue(b.Key.Cluster, out var i) ? i : "";

    public static bool Moves(BindingCategory c) => c is BindingCategory.Ready or BindingCategory.Coordinate or BindingCategory.Migrated;

    /// <summary>The roles whose trust diffs a report shows, in order: those of moving bindings, the most bindings first.</summary>
    public List<string> RolesToDiff(int max) => MovingByRole
        .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
        .Take(max).Select(r => r.Key).ToList();

    /// <summary>One binding; they come in <see cref="BindingOrder"/>.</summary>
    public void Add(BindingAssessment b)
    {
        Total++;
        _byCategory[(int)b.Category]++;
        if (b.OnPodIdentity && b.Lifecycle == IdentityLifecycle.CleanupPending) CleanupPending++;
        if (b.Category == BindingCategory.Migrated && b.IrsaAnnotated) AnnotationsRemovableNow++;

        foreach (var r in b.Reasons)
        {
            if (!Reasons.TryGetValue(r.Code, out var tally))
                Reasons[r.Code] = tally = new ReasonTally(r);
            tally.Add(b, r);
        }
        if (b.Category == BindingCategory.KeepIrsa)
        {
            foreach (var r in b.Reasons.Where(SummaryMapping.KeepsIrsa).DistinctBy(r => r.Code, StringComparer.Ordinal))
                KeepIrsaReasons[r.Code] = KeepIrsaReasons.TryGetValue(r.Code, out var k) ? (k.Summary, k.Count + 1) : (r.Summary, 1);
        }

        var cluster = b.Key.Cluster;
        if (!Clusters.TryGetValue(cluster.Key, out var c))
            Clusters[cluster.Key] = c = (cluster, new int[_byCategory.Length]);
        c.ByCategory[(int)b.Category]++;

        // Bindings come cluster by cluster: a role's clusters are counted as they change. Keyed by the outline's own ARN
        // string (each read of the bindings makes its own).
        var arn = _roleArns.TryGetValue(b.RoleArn, out var known) ? known : b.RoleArn;
        Roles[arn] = Roles.TryGetValue(arn, out var role)
            ? (role.Bindings + 1, role.LastCluster == cluster.Key ? role.Clusters : role.Clusters + 1, cluster.Key)
            : (1, 1, cluster.Key);

        var issuer = IssuerOf(b);
        var account = ArnAccount(b.RoleArn);
        var users = IssuerUsers.GetValueOrDefault((issuer, account));
        IssuerUsers[(issuer, account)] = (users.Bindings + 1,
            users.Migrated + (b.Category == BindingCategory.Migrated ? 1 : 0),
            users.KeepIrsa + (b.Category == BindingCategory.KeepIrsa ? 1 : 0));
        if (account.Length > 0) RoleAccounts.Add(account);
        if (account != cluster.AccountId)
        {
            CrossAccount++;
            if (b.Category == BindingCategory.KeepIrsa) CrossAccountKeepIrsa++;
        }
        if (Moves(b.Category) && _rolesWithTrust.Contains(b.RoleArn))
            MovingByRole[b.RoleArn] = MovingByRole.GetValueOrDefault(b.RoleArn) + 1;
        if (issuer.Length > 0) ByIssuer[issuer] = ByIssuer.GetValueOrDefault(issuer) + 1;
        ByClusterName[cluster.Name] = ByClusterName.GetValueOrDefault(cluster.Name) + 1;

        if (_previous is not null && _previous.TryGetValue(b.Key.ToString(), out var was) && was != b.Category)
            CategoryChanges.Add(new DriftRowView { Binding = b.Key.Display, Change = "Category changed", Before = CategoryCatalog.Label(was), After = CategoryCatalog.Label(b.Category) });

        Rows(b);
    }

    /// <summary>The first TopN rows of each list; the rest are counted, and read again when a format writes them all.</summary>
    private void Rows(BindingAssessment b)
    {
        if (FirstBindings.Count < _topN) FirstBindings.Add(BindingRows.Of(b));
        if (b.Category == BindingCategory.KeepIrsa && FirstKeepIrsa.Count < _topN) FirstKeepIrsa.Add(ReportModelBuilder.KeepIrsaRow(b));
        if (b.Category == BindingCategory.Broken && FirstBroken.Count < _topN) FirstBroken.Add(ReportModelBuilder.BrokenRow(b));
        if (!b.OnPodIdentity) return;
        foreach (var item in ProgressMapping.CleanupItems(b))
        {
            CleanupItems++;
            if (FirstCleanup.Count < _topN) FirstCleanup.Add(item);
        }
    }
}

/// <summary>The bindings carrying one reason code, counted once each (overall and per category).</summary>
internal sealed class ReasonTally(AssessmentReason first)
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
