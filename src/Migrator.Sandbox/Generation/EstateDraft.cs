using System.Globalization;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>
/// The estate while it is generated, and the building blocks every planted condition uses. Every choice is drawn from
/// one seeded Random, in a fixed order, so the same options always give the same estate.
/// </summary>
internal sealed class EstateDraft
{
    private static readonly DateTimeOffset AnnotatedAt = new(2025, 6, 2, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset StalePodStart = new(2025, 2, 10, 8, 0, 0, TimeSpan.Zero);

    private readonly List<SeededBinding> _seeds = [];
    private readonly HashSet<string> _usedServiceAccounts = new(StringComparer.Ordinal);

    public EstateDraft(GeneratorOptions options)
    {
        Options = options;
        Rng = new Random(options.Seed);
        Estate.Seed = options.Seed;
        Budget = options.ServiceAccounts;
    }

    public GeneratorOptions Options { get; }
    public Random Rng { get; }
    public Estate Estate { get; } = new();
    public Dictionary<Cluster, ClusterKind> Kinds { get; } = [];
    public Dictionary<Cluster, List<string>> Namespaces { get; } = [];
    /// <summary>ServiceAccounts still to make (application ServiceAccounts, with IRSA or none).</summary>
    public int Budget { get; private set; }
    /// <summary>Roles made for application ServiceAccounts' IRSA so far (what <see cref="GeneratorOptions.Roles"/> counts).</summary>
    public int ApplicationRoles { get; private set; }
    /// <summary>Role account/issuer pairs planted as "provider missing", which a working cross-account role must not register.</summary>
    public HashSet<string> ProviderMustStayMissing { get; } = new(StringComparer.Ordinal);

    public List<SeededBinding> Seeds => _seeds;

    public GeneratedEstate Result() => new(Estate, _seeds) { ApplicationRoles = ApplicationRoles };

    public ServiceAccount AddBinding(Cluster cluster, string ns, string name, string roleArn, SeededCondition condition,
        bool workload = true, WorkloadPlacement placement = WorkloadPlacement.Linux, bool hardCode = false, string? image = null, bool stale = false)
    {
        var sa = new ServiceAccount
        {
            Namespace = ns,
            Name = name,
            Annotations = new() { [ServiceAccount.RoleArnAnnotation] = roleArn },
            Labels = new() { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = ns },
        };
        if (Rng.NextDouble() < 0.25)
            sa.Annotations[ServiceAccount.StsRegionalEndpointsAnnotation] = "true";
        cluster.ServiceAccounts.Add(sa);
        Budget--;
        if (workload)
        {
            var w = NewWorkload(cluster, ns, name, placement, image);
            if (hardCode)
            {
                w.Containers[0].Env.Add(new EnvVar { Name = "AWS_ROLE_ARN", Value = roleArn });
                w.Containers[0].Env.Add(new EnvVar { Name = "AWS_WEB_IDENTITY_TOKEN_FILE", Value = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token" });
            }
            cluster.Workloads.Add(w);
            if (stale)
                AddStalePods(cluster, sa, w);
        }
        Seed(cluster, ns, name, condition);
        return sa;
    }

    /// <summary>A ServiceAccount without IRSA: the estate's background, not a binding.</summary>
    public void AddServiceAccountWithoutIrsa(Cluster cluster)
    {
        var ns = PickNamespace(cluster);
        var name = NewServiceAccountName(ns, cluster);
        cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = ns, Name = name, Labels = new() { ["app.kubernetes.io/name"] = name } });
        cluster.Workloads.Add(NewWorkload(cluster, ns, name, WorkloadPlacement.Linux, null));
        Budget--;
    }

    /// <summary>Pods created before the annotation: the webhook had nothing to inject, so they carry no IRSA env.</summary>
    private void AddStalePods(Cluster cluster, ServiceAccount sa, Workload workload)
    {
        workload.Kind = WorkloadKind.Deployment;
        workload.Replicas = Math.Max(1, workload.Replicas);
        workload.TemplateHash = WorkloadPods.TemplateHash(workload);
        workload.CreationTimestamp = StalePodStart;
        sa.AnnotationsUpdatedAt = AnnotatedAt;
        var nodes = EstateMaterializer.DerivedNodes(cluster).Where(n => n.Os == NodeOs.Linux && n.ComputeType == ComputeType.Ec2).ToList();
        for (var i = 0; i < workload.Replicas; i++)
        {
            var podName = WorkloadPods.PodName(workload, workload.TemplateHash, i, $"{cluster.Key}/{workload.Namespace}/{workload.Name}");
            cluster.Pods.Add(EstateMaterializer.CreatePod(Estate, cluster, workload, podName, StalePodStart, PodAdmission.None, nodes[i % nodes.Count].Name));
        }
    }

    public Workload NewWorkload(Cluster cluster, string ns, string name, WorkloadPlacement placement, string? image)
    {
        var roll = Rng.NextDouble();
        var kind = roll switch
        {
            < 0.70 => WorkloadKind.Deployment,
            < 0.82 => WorkloadKind.StatefulSet,
            < 0.90 => WorkloadKind.CronJob,
            < 0.94 => WorkloadKind.Job,
            < 0.97 => WorkloadKind.DaemonSet,
            _ => WorkloadKind.Pod,
        };
        if (placement == WorkloadPlacement.Fargate && kind == WorkloadKind.DaemonSet)
            kind = WorkloadKind.Deployment;
        var account = AccountOf(cluster);
        var workload = new Workload
        {
            Kind = kind,
            Namespace = ns,
            Name = name,
            Replicas = kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet ? 1 + Rng.Next(3) : 1,
            ServiceAccountName = name,
            Placement = placement,
            Schedule = kind == WorkloadKind.CronJob ? $"{Rng.Next(60)} {Rng.Next(24)} * * *" : null,
            TemplateLabels = new() { ["app"] = name },
            Containers =
            [
                new Container
                {
                    Name = "app",
                    Image = image ?? $"{account.Id}.dkr.ecr.{cluster.Region}.amazonaws.com{(account.Partition == "aws-cn" ? ".cn" : "")}/{ns}/{name}:{1 + Rng.Next(4)}.{Rng.Next(20)}.{Rng.Next(10)}",
                },
            ],
        };
        if (Rng.NextDouble() < 0.3)
            workload.Containers[0].Env.Add(new EnvVar { Name = "LOG_LEVEL", Value = "info" });
        return workload;
    }

    public void Associate(Cluster cluster, ServiceAccount sa, string roleArn) => cluster.PodIdentityAssociations.Add(new PodIdentityAssociation
    {
        Namespace = sa.Namespace,
        ServiceAccount = sa.Name,
        RoleArn = roleArn,
        CreatedAt = new DateTimeOffset(2025, 3, 4, 10, Rng.Next(60), 0, TimeSpan.Zero),
    });

    public string AddApplicationRole(Account account, string name, string path, string trust, List<string> policies, Cluster? eksctl)
    {
        ApplicationRoles++;
        return AddRole(account, name, path, trust, policies, eksctl);
    }

    public static string AddRole(Account account, string name, string path, string trust, List<string> policies, Cluster? eksctl)
    {
        var role = new IamRole
        {
            Name = UniqueRoleName(account, Truncate(name)),
            Path = path,
            TrustPolicy = trust,
            AttachedPolicies = policies,
            Tags = eksctl is null
                ? new() { ["managed-by"] = "terraform" }
                : new() { ["alpha.eksctl.io/cluster-name"] = eksctl.Name, ["alpha.eksctl.io/eksctl-version"] = "0.194.0" },
        };
        account.Roles.Add(role);
        return account.RoleArn(role);
    }

    public static string UniqueRoleName(Account account, string name)
    {
        var candidate = name;
        for (var n = 2; account.FindRole(candidate) is not null; n++)
            candidate = Truncate(name, 60) + "-" + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    public static string Truncate(string name, int max = 64) => name.Length <= max ? name : name[..max].TrimEnd('-');

    public static string IrsaTrust(Account account, Cluster cluster, IReadOnlyList<string> subjects, TrustStyle style) =>
        GeneratedTrust.Document([GeneratedTrust.IrsaStatement(ProviderArn(account, cluster), cluster.OidcIssuer!, subjects, style)], style);

    public static string ProviderArn(Account roleAccount, Cluster cluster) =>
        $"arn:{roleAccount.Partition}:iam::{roleAccount.Id}:oidc-provider/{OidcProvider.NormalizeUrl(cluster.OidcIssuer!)}";

    public static OidcProvider GitHubProvider(Account account)
    {
        var provider = account.FindOidcProvider(GeneratedTrust.GitHubIssuer);
        if (provider is null)
        {
            provider = new OidcProvider { Url = GeneratedTrust.GitHubIssuer, ClientIds = ["sts.amazonaws.com"], Thumbprints = ["6938fd4d98bab03faadb97b34396831e3780aea1"] };
            account.OidcProviders.Add(provider);
        }
        return provider;
    }

    /// <summary>A ServiceAccount name not yet used in the namespace of any of the clusters, reserved in all of them.</summary>
    public string NewServiceAccountName(string ns, params Cluster[] clusters)
    {
        for (var attempt = 0; ; attempt++)
        {
            var baseName = Pick(GeneratedNames.Apps);
            var name = attempt < 5 ? baseName : $"{baseName}-{attempt}";
            if (name == "default" || clusters.Any(c => _usedServiceAccounts.Contains($"{c.Key}/{ns}/{name}")))
                continue;
            foreach (var cluster in clusters)
                _usedServiceAccounts.Add($"{cluster.Key}/{ns}/{name}");
            return name;
        }
    }

    /// <summary>Reserves a ServiceAccount name; false when it is taken.</summary>
    public bool ReserveServiceAccount(Cluster cluster, string ns, string name) => _usedServiceAccounts.Add($"{cluster.Key}/{ns}/{name}");

    public bool IsServiceAccountTaken(Cluster cluster, string ns, string name) => _usedServiceAccounts.Contains($"{cluster.Key}/{ns}/{name}");

    /// <summary>Frees a name reserved for a ServiceAccount that will not be made.</summary>
    public void ReleaseServiceAccount(Cluster cluster, string ns, string name) => _usedServiceAccounts.Remove($"{cluster.Key}/{ns}/{name}");

    public string PickNamespace(Cluster cluster) => Pick(Namespaces[cluster]);

    public T Pick<T>(IReadOnlyList<T> items) => items[Rng.Next(items.Count)];

    /// <summary>
    /// The standard clusters in estate order (every cluster when none is standard). Asked for by every condition of
    /// every round: kept until the clusters or their kinds change (a 1,000-cluster estate has 2,000 rounds).
    /// </summary>
    public IReadOnlyList<Cluster> StandardClusters()
    {
        if (_standard is null || _standardOf != (Estate.Clusters.Count, Kinds.Count))
        {
            var standard = Estate.Clusters.Where(c => Kinds[c] == ClusterKind.Standard).ToList();
            _standard = standard.Count > 0 ? standard : [.. Estate.Clusters];
            _standardOf = (Estate.Clusters.Count, Kinds.Count);
            _standardPairs = null;
        }
        return _standard;
    }

    /// <summary>Pairs of standard clusters of one account, the first before the second in estate order, ordered by first then second.</summary>
    public IReadOnlyList<(Cluster First, Cluster Second)> SameAccountStandardPairs()
    {
        var standard = StandardClusters();
        return _standardPairs ??= [.. standard.SelectMany((a, i) => standard.Skip(i + 1).Where(b => a.AccountId == b.AccountId).Select(b => (a, b)))];
    }

    private List<Cluster>? _standard;
    private (int Clusters, int Kinds) _standardOf;
    private List<(Cluster, Cluster)>? _standardPairs;

    /// <summary>The fillers' round of clusters: a standard cluster four times, a special one once.</summary>
    public List<Cluster> WeightedClusters() =>
        Estate.Clusters.SelectMany(c => Enumerable.Repeat(c, Kinds[c] == ClusterKind.Standard ? 4 : 1)).ToList();

    public Account AccountOf(Cluster cluster) => Estate.FindAccount(cluster.AccountId)!;

    public void Seed(Cluster cluster, string ns, string sa, SeededCondition condition) =>
        _seeds.Add(new SeededBinding($"{cluster.Key}/{ns}/{sa}", condition));
}
