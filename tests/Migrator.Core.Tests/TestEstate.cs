using System.Text.Json.Nodes;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Tests.Execution;

namespace Migrator.Core.Tests;

/// <summary>Builds one consistent estate three ways: an inventory snapshot, an assessment, and a live fake world.</summary>
public sealed class TestEstate
{
    public const string Account = "111111111111";
    public static readonly ClusterRef East = new(Account, "us-east-1", "prod");
    public static readonly ClusterRef West = new(Account, "us-west-2", "prod-west");
    public const string EastIssuer = "oidc.eks.us-east-1.amazonaws.com/id/EAST1";
    public const string WestIssuer = "oidc.eks.us-west-2.amazonaws.com/id/WEST2";

    private readonly List<ClusterInventory> _clusters = [];
    private readonly List<RoleRecord> _roles = [];
    private readonly List<ServiceAccountRecord> _accounts = [];
    private readonly List<WorkloadRecord> _workloads = [];
    private readonly List<BindingAssessment> _assessments = [];
    private readonly List<AddonRecord> _addons = [];
    private readonly List<AssociationRecord> _associations = [];

    public TestEstate Cluster(ClusterRef c, string issuer, string? agent = "ACTIVE", bool autoMode = false, params string[] nodeRoles)
    {
        _clusters.Add(new ClusterInventory { Ref = c, OidcIssuer = "https://" + issuer, PodIdentityAgentStatus = agent, AutoMode = autoMode, NodeRoleArns = nodeRoles });
        return this;
    }

    public static string RoleArn(string name, string path = "/") => $"arn:aws:iam::{Account}:role{path}{name}";

    public TestEstate Role(string arn, string trust, params string[] attached)
    {
        _roles.Add(new RoleRecord { Arn = arn, AccountId = arn.Split(':')[4], Name = arn[(arn.LastIndexOf('/') + 1)..], TrustPolicy = trust, AttachedPolicies = attached });
        return this;
    }

    public TestEstate Binding(ClusterRef c, string ns, string sa, string roleArn, BindingCategory category, int score = 80,
        string? group = null, string? addon = null, params (WorkloadKind Kind, string Name)[] workloads)
    {
        var key = new BindingKey(c, ns, sa);
        _accounts.Add(new ServiceAccountRecord { Cluster = c, Namespace = ns, Name = sa, Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = roleArn } });
        foreach (var (kind, name) in workloads)
            _workloads.Add(new WorkloadRecord { Cluster = c, Namespace = ns, Kind = kind, Name = name, ServiceAccountName = sa, Replicas = 2 });
        _assessments.Add(new BindingAssessment
        {
            Key = key,
            RoleArn = roleArn,
            Category = category,
            Score = score,
            CoordinationGroup = group,
            OwningAddon = addon,
            PodCount = workloads.Length * 2,
            Workloads = workloads.Select(w => new WorkloadRef(w.Kind, ns, w.Name)).ToList(),
            Reasons = category is BindingCategory.Ready or BindingCategory.Coordinate ? [] : [new AssessmentReason($"test.{category}".ToLowerInvariant(), ReasonSeverity.Blocker, $"{category} for the test", "", "", 0)],
        });
        return this;
    }

    /// <summary>Records what manages a role, as the inventory would have detected it.</summary>
    public TestEstate RoleOwner(string arn, Core.Ownership.ResourceOwner owner)
    {
        var i = _roles.FindIndex(r => r.Arn == arn);
        _roles[i] = _roles[i] with { Owner = owner };
        return this;
    }

    /// <summary>Records what manages a ServiceAccount, as the inventory would have detected it.</summary>
    public TestEstate ServiceAccountOwner(ClusterRef c, string ns, string sa, Core.Ownership.ResourceOwner owner)
    {
        var i = _accounts.FindIndex(a => a.Key == new BindingKey(c, ns, sa));
        _accounts[i] = _accounts[i] with { Owner = owner };
        return this;
    }

    public TestEstate Addon(ClusterRef c, string name, params string[] serviceAccounts)
    {
        _addons.Add(new AddonRecord { Cluster = c, Name = name, Status = "ACTIVE", OwnedServiceAccounts = serviceAccounts });
        return this;
    }

    public TestEstate Association(ClusterRef c, string ns, string sa, string roleArn)
    {
        _associations.Add(new AssociationRecord { Cluster = c, AssociationId = $"a-pre-{_associations.Count}", Namespace = ns, ServiceAccount = sa, RoleArn = roleArn });
        return this;
    }

    public InventorySnapshot Snapshot() => new()
    {
        RunId = 7,
        Status = RunStatus.Complete,
        Clusters = _clusters,
        Roles = _roles,
        ServiceAccounts = _accounts,
        Workloads = _workloads,
        Addons = _addons,
        Associations = _associations,
    };

    public AssessmentResult Assessment() => new() { RunId = 7, AssessedAt = DateTimeOffset.UnixEpoch, Bindings = _assessments };

    public FakeWorld World()
    {
        var w = new FakeWorld();
        foreach (var r in _roles.Where(r => r.AccountId == Account))
            w.Trust[r.Arn] = r.TrustPolicy!;
        foreach (var sa in _accounts)
            w.Annotations[sa.Key] = new Dictionary<string, string>(sa.Annotations);
        foreach (var c in _clusters.Where(c => c.PodIdentityAgentStatus is not null))
            w.Addons[(c.Ref, "eks-pod-identity-agent")] = (c.PodIdentityAgentStatus!, []);
        foreach (var a in _addons)
            w.Addons[(a.Cluster, a.Name)] = ("ACTIVE", []);
        foreach (var a in _associations)
        {
            w.Associations.Add(new Ports.AssociationDescription
            {
                AssociationId = a.AssociationId,
                AssociationArn = $"arn:aws:eks:{a.Cluster.Region}:{Account}:podidentityassociation/{a.Cluster.Name}/{a.AssociationId}",
                ClusterName = a.Cluster.Name,
                Namespace = a.Namespace,
                ServiceAccount = a.ServiceAccount,
                RoleArn = a.RoleArn,
            });
        }
        w.Workloads.AddRange(_workloads);
        foreach (var wl in _workloads)
            w.RegeneratePods(wl);
        return w;
    }

    /// <summary>An IRSA trust document: one statement per issuer with its exact subjects (StringEquals, list when several).</summary>
    public static string IrsaTrust(params (string Issuer, string[] Subjects)[] statements) => Trust(statements, githubActions: false);

    public static string Trust((string Issuer, string[] Subjects)[] statements, bool githubActions)
    {
        var list = new JsonArray();
        foreach (var (issuer, subjects) in statements)
        {
            JsonNode sub = subjects.Length == 1 ? JsonValue.Create($"system:serviceaccount:{subjects[0]}")! : new JsonArray(subjects.Select(s => (JsonNode?)JsonValue.Create($"system:serviceaccount:{s}")).ToArray());
            list.Add(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Federated"] = $"arn:aws:iam::{Account}:oidc-provider/{issuer}" },
                ["Action"] = "sts:AssumeRoleWithWebIdentity",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { [$"{issuer}:sub"] = sub, [$"{issuer}:aud"] = "sts.amazonaws.com" } },
            });
        }
        if (githubActions)
        {
            list.Add(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Federated"] = $"arn:aws:iam::{Account}:oidc-provider/token.actions.githubusercontent.com" },
                ["Action"] = "sts:AssumeRoleWithWebIdentity",
                ["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["token.actions.githubusercontent.com:sub"] = "repo:org/app:*" } },
            });
        }
        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = list }.ToJsonString();
    }

    /// <summary>
    /// Two clusters; a role shared with the other cluster (whose binding keeps IRSA) and GitHub Actions; a Coordinate
    /// role across both clusters; a role with a path; an add-on SA; a Job; and bindings that must be excluded.
    /// </summary>
    public static TestEstate Standard()
    {
        var e = new TestEstate()
            .Cluster(East, EastIssuer, "ACTIVE", false, RoleArn("east-nodes"))
            .Cluster(West, WestIssuer, null, false, RoleArn("west-nodes"))
            .Role(RoleArn("east-nodes"), "{}", "AmazonEKSWorkerNodePolicy")
            .Role(RoleArn("west-nodes"), "{}")
            .Role(RoleArn("app-a"), Trust([(EastIssuer, ["team-a:api"]), (WestIssuer, ["team-a:api"])], githubActions: true))
            .Role(RoleArn("app-b"), IrsaTrust((EastIssuer, ["team-a:worker"])))
            .Role(RoleArn("shared"), IrsaTrust((EastIssuer, ["team-b:sync"]), (WestIssuer, ["team-b:sync"])))
            .Role(RoleArn("app-c", "/teams/"), IrsaTrust((WestIssuer, ["team-c:web"])))
            .Role(RoleArn("app-d"), IrsaTrust((EastIssuer, ["team-d:jobs", "team-d:reports"])))
            .Role(RoleArn("ebs"), IrsaTrust((EastIssuer, ["kube-system:ebs-csi-controller-sa"])))
            .Role(RoleArn("legacy"), IrsaTrust((EastIssuer, ["team-x:legacy"])))
            .Binding(East, "team-a", "api", RoleArn("app-a"), BindingCategory.Ready, 95, workloads: (WorkloadKind.Deployment, "api"))
            .Binding(West, "team-a", "api", RoleArn("app-a"), BindingCategory.KeepIrsa, 40, workloads: (WorkloadKind.Deployment, "api"))
            .Binding(East, "team-a", "worker", RoleArn("app-b"), BindingCategory.Ready, 90, workloads: [(WorkloadKind.Deployment, "worker"), (WorkloadKind.Job, "batch")])
            .Binding(East, "team-b", "sync", RoleArn("shared"), BindingCategory.Coordinate, 80, group: RoleArn("shared"), workloads: (WorkloadKind.StatefulSet, "sync"))
            .Binding(West, "team-b", "sync", RoleArn("shared"), BindingCategory.Coordinate, 80, group: RoleArn("shared"), workloads: (WorkloadKind.StatefulSet, "sync"))
            .Binding(West, "team-c", "web", RoleArn("app-c", "/teams/"), BindingCategory.Ready, 85, workloads: (WorkloadKind.DaemonSet, "web"))
            .Binding(East, "team-d", "jobs", RoleArn("app-d"), BindingCategory.Ready, 60, workloads: (WorkloadKind.Deployment, "jobs"))
            .Binding(East, "team-d", "reports", RoleArn("app-d"), BindingCategory.Unused, 10)
            .Binding(East, "kube-system", "ebs-csi-controller-sa", RoleArn("ebs"), BindingCategory.Ready, 75, addon: "aws-ebs-csi-driver", workloads: (WorkloadKind.Deployment, "ebs-csi-controller"))
            .Binding(East, "team-x", "legacy", RoleArn("legacy"), BindingCategory.Broken, 0, workloads: (WorkloadKind.Deployment, "legacy"))
            .Binding(East, "team-z", "cross", "arn:aws:iam::222222222222:role/cross", BindingCategory.Ready, 99, workloads: (WorkloadKind.Deployment, "cross"))
            .Addon(East, "aws-ebs-csi-driver", "kube-system/ebs-csi-controller-sa");
        return e;
    }
}
