using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

/// <summary>Deterministic report inputs: a small estate with every category, or a large generated one.</summary>
public static class ReportScenario
{
    public static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);
    public const string Hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>a|b`c`*_[x](y)\nnext";

    public static ClusterRef Prod { get; } = new("111111111111", "us-east-1", "prod-east");
    public static ClusterRef Dev { get; } = new("222222222222", "eu-west-1", "dev-west");

    public static string IssuerOf(ClusterRef c) => $"oidc.eks.{c.Region}.amazonaws.com/id/{c.Name.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal)}";

    public static string Trust(params (ClusterRef Cluster, string Ns, string Sa)[] subjects) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", subjects.Select(s =>
            $"{{\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"arn:aws:iam::{s.Cluster.AccountId}:oidc-provider/{IssuerOf(s.Cluster)}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{{\"StringEquals\":{{\"{IssuerOf(s.Cluster)}:sub\":\"system:serviceaccount:{s.Ns}:{s.Sa}\",\"{IssuerOf(s.Cluster)}:aud\":\"sts.amazonaws.com\"}}}}}}")) + "]}";

    private static AssessmentReason Reason(string code, ReasonSeverity severity, string summary, string evidence, string action) => new(code, severity, summary, evidence, action, -10);

    /// <summary>
    /// Two clusters in two accounts, every category, a plan with a failed step, a previous run for drift. With
    /// <paramref name="scope"/>: a migration scope as well, with a regression (orders/api), a native identity with a
    /// cleanup item (web/search) and a gone one (tools/retired).
    /// </summary>
    public static ReportInput Small(bool hostile = false, bool scope = false)
    {
        string H(string s) => hostile ? s + Hostile : s;
        var prodIssuer = "https://" + IssuerOf(Prod);
        var devIssuer = "https://" + IssuerOf(Dev);
        var bindings = new List<(ClusterRef C, string Ns, string Sa, string Role, BindingCategory Cat, AssessmentReason[] Reasons)>
        {
            (Prod, "payments", "api", "arn:aws:iam::111111111111:role/payments-api", BindingCategory.Ready, []),
            (Prod, "payments", "worker", "arn:aws:iam::111111111111:role/payments-shared", BindingCategory.Coordinate,
                [Reason("coordinate.shared-role", ReasonSeverity.Warning, "Role is shared with other ServiceAccounts", "2 bindings on 2 clusters", "Migrate every user of the role in one wave")]),
            (Dev, "payments", "worker", "arn:aws:iam::222222222222:role/payments-shared", BindingCategory.Coordinate,
                [Reason("coordinate.shared-role", ReasonSeverity.Warning, "Role is shared with other ServiceAccounts", "2 bindings on 2 clusters", "Migrate every user of the role in one wave")]),
            (Prod, "billing", H("exporter"), "arn:aws:iam::333333333333:role/" + H("cross"), BindingCategory.KeepIrsa,
                [Reason("keep.cross-account", ReasonSeverity.Blocker, H("Role is in another account"), "role account 333333333333, cluster account 111111111111", H("Use TargetRoleArn with a source role in 111111111111"))]),
            (Dev, "batch", "fargate-job", "arn:aws:iam::222222222222:role/batch", BindingCategory.KeepIrsa,
                [Reason("keep.fargate", ReasonSeverity.Blocker, "Pods run on Fargate", "3 pods on fargate-profile default", "Move the workload to EC2 Linux nodes first")]),
            (Prod, "search", "indexer", "arn:aws:iam::111111111111:role/missing", BindingCategory.Broken,
                [Reason("broken.role-missing", ReasonSeverity.Blocker, "Role does not exist", "GetRole: NoSuchEntity", "Create the role or remove the annotation")]),
            (Dev, "web", "frontend", "arn:aws:iam::222222222222:role/frontend", BindingCategory.Migrated, []),
            // On Pod Identity in run 6; Terraform reverted the role's trust since: a regression of the migration scope.
            (Prod, "orders", "api", "arn:aws:iam::111111111111:role/orders-api", BindingCategory.Broken,
                [Reason("broken.pod-identity-trust-denies", ReasonSeverity.Blocker, "The role's trust does not admit Pod Identity for this ServiceAccount", H("no statement admits pods.eks.amazonaws.com"), "Add the pods.eks.amazonaws.com statement back ('migrator trust add-pod-identity')")]),
            // Native: on Pod Identity before the first plan, its old IRSA trust subject left to clean up.
            (Dev, "web", "search", "arn:aws:iam::222222222222:role/search", BindingCategory.Migrated,
                [Reason("cleanup.irsa-trust-subject", ReasonSeverity.Info, "The role's trust still admits the ServiceAccount through IRSA", H("oidc.eks.eu-west-1.amazonaws.com/id/DEVWEST sub system:serviceaccount:web:search"), "Remove the OIDC subject ('migrator trust remove-subject')")]),
            (Dev, "legacy", "old", "arn:aws:iam::222222222222:role/old", BindingCategory.Unused,
                [Reason("unused.no-workload", ReasonSeverity.Info, "No workload uses the ServiceAccount", "0 pods, 0 workloads", "Delete the annotation")]),
        };
        if (!scope)
            bindings.RemoveAll(b => b.Ns == "orders" || b.Sa == "search");
        var assessment = new AssessmentResult
        {
            RunId = 7,
            AssessedAt = At.AddMinutes(-5),
            Bindings = bindings.Select(b => new BindingAssessment
            {
                Key = new BindingKey(b.C, b.Ns, b.Sa),
                RoleArn = b.Role,
                Category = b.Cat,
                // The migrated binding is annotated and associated: the cut-over (soak) state; orders/api and web/search have
                // an association and no annotation.
                Lifecycle = b.Sa == "search" ? IdentityLifecycle.CleanupPending : b.Ns == "orders" ? IdentityLifecycle.PodIdentity
                    : b.Cat == BindingCategory.Migrated ? IdentityLifecycle.CutOver : IdentityLifecycle.Irsa,
                IrsaAnnotated = b.Ns != "orders" && b.Sa != "search",
                AssociationRoleArn = b.Cat == BindingCategory.Migrated || b.Ns == "orders" ? b.Role : null,
                Score = b.Cat switch { BindingCategory.Ready or BindingCategory.Migrated => 100, BindingCategory.Coordinate => 80, BindingCategory.Unused => 50, _ => 0 },
                Reasons = b.Reasons,
                PodCount = b.Cat == BindingCategory.Unused ? 0 : 2,
                Workloads = b.Cat == BindingCategory.Unused ? [] : [new WorkloadRef(WorkloadKind.Deployment, b.Ns, b.Sa)],
            }).ToList(),
            RoleFindings =
            [
                new RoleFinding("arn:aws:iam::111111111111:role/payments-shared", "role.shared", ReasonSeverity.Warning, "Role shared by 2 ServiceAccounts on 2 clusters", "payments/worker on prod-east and dev-west", "Split per workload or migrate together"),
                new RoleFinding("arn:aws:iam::222222222222:role/batch", "role.trust-wildcard", ReasonSeverity.Warning, H("Trust allows any ServiceAccount of the namespace"), "StringLike system:serviceaccount:batch:*", "Narrow the subject to the ServiceAccount"),
            ],
        };
        ServiceAccountRecord Sa((ClusterRef C, string Ns, string Sa, string Role, BindingCategory Cat, AssessmentReason[] R) b) => new()
        {
            Cluster = b.C, Namespace = b.Ns, Name = b.Sa,
            Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = b.Role },
        };
        var snapshot = new InventorySnapshot
        {
            RunId = 7,
            StartedAt = At.AddMinutes(-20),
            CompletedAt = At.AddMinutes(-10),
            Status = RunStatus.Complete,
            Clusters =
            [
                new ClusterInventory { Ref = Prod, KubernetesVersion = "1.31", OidcIssuer = prodIssuer, PodIdentityAgentStatus = "ACTIVE" },
                new ClusterInventory { Ref = Dev, KubernetesVersion = "1.30", OidcIssuer = devIssuer },
            ],
            ServiceAccounts = bindings.Select(Sa).ToList(),
            Roles =
            [
                Role("arn:aws:iam::111111111111:role/payments-api", Trust((Prod, "payments", "api"))),
                Role("arn:aws:iam::111111111111:role/payments-shared", Trust((Prod, "payments", "worker"), (Dev, "payments", "worker"))),
                Role("arn:aws:iam::222222222222:role/payments-shared", Trust((Dev, "payments", "worker"))),
                Role("arn:aws:iam::222222222222:role/frontend", Trust((Dev, "web", "frontend"))),
                Role("arn:aws:iam::333333333333:role/" + H("cross"), Trust((Prod, "billing", H("exporter")))),
            ],
            OidcProviders =
            [
                new OidcProviderRecord { AccountId = "111111111111", Arn = $"arn:aws:iam::111111111111:oidc-provider/{IssuerOf(Prod)}", Url = IssuerOf(Prod) },
                new OidcProviderRecord { AccountId = "222222222222", Arn = $"arn:aws:iam::222222222222:oidc-provider/{IssuerOf(Dev)}", Url = IssuerOf(Dev) },
                new OidcProviderRecord { AccountId = "333333333333", Arn = $"arn:aws:iam::333333333333:oidc-provider/{IssuerOf(Prod)}", Url = IssuerOf(Prod) },
                new OidcProviderRecord { AccountId = "111111111111", Arn = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com", Url = "token.actions.githubusercontent.com" },
            ],
        };
        var previous = snapshot with
        {
            RunId = 6,
            StartedAt = At.AddDays(-1),
            ServiceAccounts = snapshot.ServiceAccounts.Where(s => s.Name != "indexer")
                .Append(new ServiceAccountRecord { Cluster = Dev, Namespace = "tools", Name = "retired", Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = "arn:aws:iam::222222222222:role/retired" } })
                .ToList(),
        };
        var previousAssessment = assessment with
        {
            RunId = 6,
            Bindings = assessment.Bindings.Where(b => b.Key.ServiceAccount != "indexer")
                .Select(b => b.Key.ServiceAccount == "frontend" ? b with { Category = BindingCategory.Ready }
                    : b.Key.Namespace == "orders" ? b with { Category = BindingCategory.Migrated, Reasons = [] } : b).ToList(),
        };
        // The scope, fixed by the plan of run 6: two planned identities, two native ones, and one whose ServiceAccount
        // has since been deleted (gone, still counted).
        ScopeMember Member(ClusterRef c, string ns, string sa, ScopeOrigin origin) => new()
        {
            Key = new BindingKey(c, ns, sa), Origin = origin, PlanId = origin == ScopeOrigin.Planned ? H("plan-6") : null, FromRunId = 6,
            AddedAt = At.AddDays(-1).AddHours(1), AddedBy = "first plan",
        };
        var migrationScope = new MigrationScope
        {
            FixedByPlanId = H("plan-6"),
            FixedFromRunId = 6,
            FixedAt = At.AddDays(-1).AddHours(1),
            Members =
            [
                Member(Prod, "payments", "api", ScopeOrigin.Planned),
                Member(Dev, "web", "frontend", ScopeOrigin.Planned),
                Member(Prod, "orders", "api", ScopeOrigin.Native),
                Member(Dev, "web", "search", ScopeOrigin.Native),
                Member(Dev, "tools", "retired", ScopeOrigin.Planned),
            ],
        };
        var ordersKey = new BindingKey(Prod, "orders", "api");
        var scopeProgress = ScopeProgressCalculator.Compute(migrationScope, 7, assessment, At.AddMinutes(-20),
            new Dictionary<BindingKey, PodIdentityHistory> { [ordersKey] = new(ordersKey, 6) },
            new Dictionary<BindingKey, long> { [ordersKey] = 7 },
            new Dictionary<long, DateTimeOffset> { [6] = At.AddDays(-1), [7] = At.AddMinutes(-20) }) with
        {
            Trend = [new ScopeTrendPoint(6, At.AddDays(-1), 5, 2), new ScopeTrendPoint(7, At.AddMinutes(-20), 5, 2)],
        };
        return new ReportInput
        {
            Snapshot = snapshot,
            Assessment = assessment,
            PreviousSnapshot = previous,
            PreviousAssessment = previousAssessment,
            History =
            [
                new RunHistoryPoint(5, At.AddDays(-2), new Dictionary<BindingCategory, int> { [BindingCategory.Ready] = 4, [BindingCategory.KeepIrsa] = 2, [BindingCategory.Unused] = 2 }),
                RunHistoryPoint.From(6, At.AddDays(-1), previousAssessment),
            ],
            ScopeProgress = scope ? scopeProgress : null,
            Plan = new PlanProgressView
            {
                PlanId = H("plan-7"),
                CreatedAt = At.AddMinutes(-4),
                Status = "Running",
                Phases =
                [
                    new PhaseProgressView(0, "Prerequisites", "Completed", 2, 2, 0, 0, At.AddMinutes(-3), At.AddMinutes(-2)),
                    new PhaseProgressView(1, H("Canary: dev-west"), "Failed", 2, 1, 1, 0, At.AddMinutes(-2), null),
                    new PhaseProgressView(2, "Wave 1: prod-east", "Pending", 3, 0, 0, 0, null, null),
                ],
                Journal =
                [
                    new JournalEntryView(At.AddMinutes(-3), "Prerequisites", "dev-west", "InstallAgent", "Succeeded", null),
                    new JournalEntryView(At.AddMinutes(-2), "Prerequisites", "prod-east", "InstallAgent", "Succeeded", null),
                    new JournalEntryView(At.AddMinutes(-1), "Canary: dev-west", "dev-west/web/frontend", "CreateAssociation", "Succeeded", null),
                    new JournalEntryView(At.AddSeconds(-30), "Canary: dev-west", "dev-west/payments/worker", "CreateAssociation", "Failed", H("ResourceInUseException: Association already exists")),
                ],
            },
            GeneratedAt = At,
        };
    }

    private static RoleRecord Role(string arn, string trust) => new()
    {
        Arn = arn,
        AccountId = arn.Split(':')[4],
        Name = arn[(arn.LastIndexOf('/') + 1)..],
        TrustPolicy = trust,
    };

    /// <summary>A generated estate of <paramref name="count"/> bindings over 40 clusters, every category represented.</summary>
    public static ReportInput Large(int count)
    {
        var clusters = Enumerable.Range(0, 40).Select(i => new ClusterRef((100000000000 + i % 8).ToString(System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? "us-east-1" : "eu-west-1", $"cluster-{i:D2}")).ToList();
        var categories = Enum.GetValues<BindingCategory>();
        var bindings = Enumerable.Range(0, count).Select(i =>
        {
            var c = clusters[i % clusters.Count];
            var cat = categories[(i * 7 + i / 13) % categories.Length];
            return new BindingAssessment
            {
                Key = new BindingKey(c, $"ns-{i % 97}", $"sa-{i:D5}"),
                RoleArn = $"arn:aws:iam::{c.AccountId}:role/app-{i % 3000}",
                Category = cat,
                Score = cat == BindingCategory.Ready ? 100 : 40,
                Reasons = cat is BindingCategory.Ready or BindingCategory.Migrated ? [] :
                    [Reason($"{cat.ToString().ToLowerInvariant()}.example-{i % 5}", cat is BindingCategory.KeepIrsa or BindingCategory.Broken ? ReasonSeverity.Blocker : ReasonSeverity.Warning, $"Example reason {i % 5} for {cat}", $"evidence {i}", "do the fix")],
                PodCount = i % 4,
                Workloads = [new WorkloadRef(WorkloadKind.Deployment, $"ns-{i % 97}", $"app-{i}")],
            };
        }).ToList();
        var snapshot = new InventorySnapshot
        {
            RunId = 42,
            StartedAt = At.AddMinutes(-30),
            Status = RunStatus.Complete,
            Clusters = clusters.Select(c => new ClusterInventory { Ref = c, KubernetesVersion = "1.31", OidcIssuer = "https://" + IssuerOf(c), PodIdentityAgentStatus = "ACTIVE" }).ToList(),
            ServiceAccounts = bindings.Select(b => new ServiceAccountRecord { Cluster = b.Key.Cluster, Namespace = b.Key.Namespace, Name = b.Key.ServiceAccount, Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = b.RoleArn } }).ToList(),
            Roles = bindings.GroupBy(b => b.RoleArn).Select(g => Role(g.Key, Trust(g.Take(3).Select(b => (b.Key.Cluster, b.Key.Namespace, b.Key.ServiceAccount)).ToArray()))).ToList(),
            OidcProviders = clusters.Select(c => new OidcProviderRecord { AccountId = c.AccountId, Arn = $"arn:aws:iam::{c.AccountId}:oidc-provider/{IssuerOf(c)}", Url = IssuerOf(c) }).ToList(),
        };
        return new ReportInput
        {
            Snapshot = snapshot,
            Assessment = new AssessmentResult { RunId = 42, AssessedAt = At, Bindings = bindings },
            GeneratedAt = At,
        };
    }
}
