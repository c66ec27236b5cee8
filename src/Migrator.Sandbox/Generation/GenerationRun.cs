using System.Globalization;
using System.Text.Json.Nodes;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>One generation: draws every choice from one seeded Random, in a fixed order, so the output is reproducible.</summary>
internal sealed partial class GenerationRun
{
    private static readonly DateTimeOffset AnnotatedAt = new(2025, 6, 2, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset StalePodStart = new(2025, 2, 10, 8, 0, 0, TimeSpan.Zero);
    /// <summary>Share of the filler's ServiceAccounts that have no IRSA at all.</summary>
    private const double BackgroundShare = 0.08;
    private static readonly SeededCondition[] PerBindingConditions =
    [
        SeededCondition.SharedRole, SeededCondition.MultiClusterTrust, SeededCondition.CrossAccountRole, SeededCondition.GitHubActionsTrust,
        SeededCondition.NamespaceWildcardTrust, SeededCondition.FargateWorkload, SeededCondition.WindowsWorkload, SeededCondition.HybridWorkload,
        SeededCondition.UnusedServiceAccount, SeededCondition.OidcProviderMissing, SeededCondition.WrongAudience, SeededCondition.SubjectMismatch,
        SeededCondition.MalformedAnnotation, SeededCondition.RoleMissing, SeededCondition.ExistingAssociationSameRole,
        SeededCondition.ExistingAssociationDifferentRole, SeededCondition.StalePods, SeededCondition.HardCodedWebIdentityEnv,
    ];

    private readonly GeneratorOptions _options;
    private readonly Random _rng;
    private readonly Estate _estate = new();
    private readonly List<SeededBinding> _seeds = [];
    private readonly Dictionary<Cluster, ClusterKind> _kinds = [];
    private readonly Dictionary<Cluster, List<string>> _namespaces = [];
    private readonly HashSet<string> _usedServiceAccounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _providerMustStayMissing = new(StringComparer.Ordinal);
    private int _budget;
    /// <summary>Roles made for application ServiceAccounts' IRSA so far (what <see cref="GeneratorOptions.Roles"/> counts).</summary>
    private int _applicationRoles;

    public GenerationRun(GeneratorOptions options)
    {
        _options = options;
        _rng = new Random(options.Seed);
        _estate.Seed = options.Seed;
        _budget = options.ServiceAccounts;
    }

    private enum ClusterKind
    {
        Standard,
        China,
        Version123,
        Platform128Eks3,
        AutoMode,
        NoAgent,
    }

    public GeneratedEstate Build()
    {
        CreateAccounts();
        CreateClusters();
        foreach (var cluster in _estate.Clusters)
            SetUpCluster(cluster);
        PlantConditions();
        if (_options.Roles is { } roles)
            FillWithSharedRoles(roles);
        else
            FillWithSimpleBindings();
        SeedClusterLevelConditions();
        PlantPodIdentityIdentities();
        return new GeneratedEstate(_estate, _seeds) { ApplicationRoles = _applicationRoles };
    }

    // ---------------------------------------------------------------- accounts and clusters

    private void CreateAccounts()
    {
        var count = _options.Accounts ?? Math.Clamp(1 + (_options.Clusters / 3), 1, 6);
        for (var i = 0; i < count; i++)
        {
            var id = (100_000_000_000L + (_rng.NextInt64(800_000_000_000L) / 1000 * 1000) + ((i + 1) * 111)).ToString(CultureInfo.InvariantCulture);
            var region = GeneratedNames.Regions[i % GeneratedNames.Regions.Length];
            var regions = new List<string> { region };
            var second = GeneratedNames.Regions[(i + 1) % GeneratedNames.Regions.Length];
            if (_rng.NextDouble() < 0.6)
                regions.Add(second);
            var name = GeneratedNames.AccountNames[i % GeneratedNames.AccountNames.Length] + (i >= GeneratedNames.AccountNames.Length ? $"-{i}" : "");
            _estate.Accounts.Add(NewAccount(id, name, "aws", regions, operatorPrincipal: i == 0 ? $"arn:aws:iam::{id}:user/migrator-operator" : null));
        }
    }

    private Account NewAccount(string id, string name, string partition, List<string> regions, string? operatorPrincipal)
    {
        var account = new Account
        {
            Id = id,
            Name = name,
            Partition = partition,
            Regions = regions,
            OperatorPrincipal = operatorPrincipal,
            AccessRoleName = "MigratorAccess",
        };
        var operatorAccount = _estate.Accounts.Count == 0 ? account : _estate.Accounts[0];
        account.Roles.Add(new IamRole
        {
            Name = "MigratorAccess",
            Description = "Assumed by the migration operator",
            TrustPolicy = TrustDocuments.Document([TrustDocuments.AccountStatement(operatorAccount.RootArn)], TrustStyle.Console),
            AttachedPolicies = ["IAMFullAccess", "AmazonEKSClusterPolicy", "MigratorEksPodIdentityAdmin"],
            Tags = new() { ["managed-by"] = "terraform" },
        });
        account.Roles.Add(new IamRole
        {
            Name = "eks-cluster-role",
            TrustPolicy = TrustDocuments.Document([TrustDocuments.ServiceStatement("eks.amazonaws.com")], TrustStyle.Terraform),
            AttachedPolicies = ["AmazonEKSClusterPolicy"],
        });
        account.Roles.Add(new IamRole
        {
            Name = "eks-node-role",
            TrustPolicy = TrustDocuments.Document([TrustDocuments.ServiceStatement("ec2.amazonaws.com")], TrustStyle.Terraform),
            AttachedPolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore"],
        });
        return account;
    }

    private void CreateClusters()
    {
        // Order decides what fits when the estate is small: two clusters in one account (multi-cluster trust),
        // a third in another account (cross-account), then the special clusters, then more standard ones.
        ClusterKind[] specials = [ClusterKind.China, ClusterKind.Version123, ClusterKind.Platform128Eks3, ClusterKind.AutoMode, ClusterKind.NoAgent];
        var plan = new List<ClusterKind> { ClusterKind.Standard, ClusterKind.Standard, ClusterKind.Standard };
        plan.AddRange(specials);
        while (plan.Count < _options.Clusters)
            plan.Add(ClusterKind.Standard);

        for (var i = 0; i < _options.Clusters; i++)
        {
            var kind = plan[i];
            Account account;
            string region;
            if (kind == ClusterKind.China)
            {
                account = _estate.Accounts.Find(a => a.Partition == "aws-cn") ?? AddChinaAccount();
                region = "cn-north-1";
            }
            else
            {
                var index = i switch { 0 or 1 => 0, 2 => 1, _ => i };
                account = _estate.Accounts.Where(a => a.Partition == "aws").ElementAt(index % _estate.Accounts.Count(a => a.Partition == "aws"));
                region = account.Regions[i == 1 && account.Regions.Count > 1 ? 1 : i % account.Regions.Count];
            }
            var env = kind switch
            {
                ClusterKind.Version123 or ClusterKind.Platform128Eks3 => "legacy",
                ClusterKind.China => "cn",
                _ => GeneratedNames.Environments[i % GeneratedNames.Environments.Length],
            };
            var (version, platform) = kind switch
            {
                ClusterKind.Version123 => ("1.23", "eks.16"),
                ClusterKind.Platform128Eks3 => ("1.28", "eks.3"),
                _ => Pick(new[] { ("1.29", "eks.21"), ("1.30", "eks.15"), ("1.31", "eks.12"), ("1.32", "eks.6"), ("1.33", "eks.3") }),
            };
            var cluster = new Cluster
            {
                Name = $"{env}-{GeneratedNames.RegionShort(region)}-{i + 1:00}",
                AccountId = account.Id,
                Region = region,
                KubernetesVersion = version,
                PlatformVersion = platform,
                AutoMode = kind == ClusterKind.AutoMode,
                RoleArn = account.RoleArn(account.FindRole("eks-cluster-role")!),
                Tags = new() { ["environment"] = env, ["owner"] = account.Name },
            };
            cluster.OidcIssuer = EstateMaterializer.DefaultIssuer(cluster);
            _estate.Clusters.Add(cluster);
            _kinds[cluster] = kind;
        }
    }

    private Account AddChinaAccount()
    {
        var id = (700_000_000_000L + _rng.NextInt64(99_999_999_999L)).ToString(CultureInfo.InvariantCulture);
        var account = NewAccount(id, "china", "aws-cn", ["cn-north-1"], operatorPrincipal: null);
        _estate.Accounts.Add(account);
        return account;
    }

    private void SetUpCluster(Cluster cluster)
    {
        var kind = _kinds[cluster];
        var account = AccountOf(cluster);
        var index = _estate.Clusters.IndexOf(cluster);
        account.OidcProviders.Add(new OidcProvider
        {
            Url = OidcProvider.NormalizeUrl(cluster.OidcIssuer!),
            ClientIds = ["sts.amazonaws.com"],
            Thumbprints = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
            Tags = new() { ["alpha.eksctl.io/cluster-name"] = cluster.Name },
        });

        var nodeRole = account.RoleArn(account.FindRole("eks-node-role")!);
        if (kind != ClusterKind.AutoMode)
        {
            cluster.Nodegroups.Add(new Nodegroup { Name = "general", NodeRoleArn = nodeRole, NodeCount = 2 + _rng.Next(3), InstanceType = "m6i.xlarge" });
            if (_rng.NextDouble() < 0.3)
                cluster.Nodegroups.Add(new Nodegroup { Name = "arm", Arch = NodeArch.Arm64, NodeRoleArn = nodeRole, NodeCount = 1 + _rng.Next(2), InstanceType = "m7g.large", CapacityType = "SPOT" });
        }
        var standard = kind == ClusterKind.Standard;
        if (standard && (index == 0 || _rng.NextDouble() < 0.3))
            cluster.Nodegroups.Add(new Nodegroup { Name = "windows", Os = NodeOs.Windows, NodeRoleArn = nodeRole, NodeCount = 1 + _rng.Next(2), InstanceType = "m5.xlarge" });
        if (standard && (index == 0 || _rng.NextDouble() < 0.15))
            cluster.Nodegroups.Add(new Nodegroup { Name = "on-prem", ComputeType = ComputeType.Hybrid, NodeRoleArn = nodeRole, NodeCount = 2 });
        if (standard && (index == 0 || _rng.NextDouble() < 0.3))
        {
            cluster.FargateProfiles.Add(new FargateProfile
            {
                Name = "serverless",
                PodExecutionRoleArn = $"arn:{account.Partition}:iam::{account.Id}:role/eks-fargate-pod-execution",
                Selectors = [new FargateSelector { Namespace = "serverless" }],
            });
        }

        var namespaces = GeneratedNames.Namespaces.OrderBy(_ => _rng.Next()).Take(4 + _rng.Next(4)).ToList();
        _namespaces[cluster] = namespaces;

        SetUpAddons(cluster, kind, account);
    }

    private void SetUpAddons(Cluster cluster, ClusterKind kind, Account account)
    {
        var vpcCniRole = AddRole(account, $"{cluster.Name}-vpc-cni", "/", IrsaTrust(account, cluster, ["system:serviceaccount:kube-system:aws-node"], TrustStyle.Eksctl),
            ["AmazonEKS_CNI_Policy"], eksctl: cluster);
        cluster.Addons.Add(new Addon { Name = "vpc-cni", Version = "v1.19.2-eksbuild.1", ServiceAccountRoleArn = vpcCniRole });
        cluster.Addons.Add(new Addon { Name = "coredns", Version = "v1.11.4-eksbuild.2" });
        cluster.Addons.Add(new Addon { Name = "kube-proxy", Version = $"v{cluster.KubernetesVersion}.0-eksbuild.1" });
        cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "aws-node", Annotations = new() { [ServiceAccount.RoleArnAnnotation] = vpcCniRole } });
        cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "coredns" });
        cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "kube-proxy" });
        cluster.Workloads.Add(SystemWorkload(WorkloadKind.DaemonSet, "aws-node", "aws-node", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2"));
        cluster.Workloads.Add(SystemWorkload(WorkloadKind.Deployment, "coredns", "coredns", "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.4", replicas: 2));
        cluster.Workloads.Add(SystemWorkload(WorkloadKind.DaemonSet, "kube-proxy", "kube-proxy", "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.31.0"));

        if (kind is ClusterKind.Standard or ClusterKind.NoAgent or ClusterKind.AutoMode)
        {
            var ebsRole = AddRole(account, $"{cluster.Name}-ebs-csi", "/", IrsaTrust(account, cluster, ["system:serviceaccount:kube-system:ebs-csi-controller-sa"], TrustStyle.Terraform),
                ["AmazonEBSCSIDriverPolicy"], eksctl: null);
            cluster.Addons.Add(new Addon { Name = "aws-ebs-csi-driver", Version = "v1.38.1-eksbuild.2", ServiceAccountRoleArn = ebsRole });
            cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "ebs-csi-controller-sa", Annotations = new() { [ServiceAccount.RoleArnAnnotation] = ebsRole } });
            cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "ebs-csi-node-sa" });
            cluster.Workloads.Add(SystemWorkload(WorkloadKind.Deployment, "ebs-csi-controller", "ebs-csi-controller-sa", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1", replicas: 2));
            cluster.Workloads.Add(SystemWorkload(WorkloadKind.DaemonSet, "ebs-csi-node", "ebs-csi-node-sa", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1"));
            if (kind == ClusterKind.Standard)
            {
                Seed(cluster, "kube-system", "aws-node", SeededCondition.AddonRole);
                Seed(cluster, "kube-system", "ebs-csi-controller-sa", SeededCondition.AddonRole);
            }
        }
        if (kind is ClusterKind.Standard or ClusterKind.Platform128Eks3)
        {
            cluster.Addons.Add(new Addon { Name = Addon.PodIdentityAgent, Version = "v1.3.4-eksbuild.1" });
            cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "eks-pod-identity-agent" });
            cluster.Workloads.Add(SystemWorkload(WorkloadKind.DaemonSet, "eks-pod-identity-agent", "eks-pod-identity-agent", "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/eks-pod-identity-agent:0.1.10"));
        }
    }

    private static Workload SystemWorkload(WorkloadKind kind, string name, string serviceAccount, string image, int replicas = 1) => new()
    {
        Kind = kind,
        Namespace = "kube-system",
        Name = name,
        Replicas = replicas,
        ServiceAccountName = serviceAccount,
        TemplateLabels = new() { ["k8s-app"] = name },
        Containers = [new Container { Name = name, Image = image }],
    };

    // ---------------------------------------------------------------- planted conditions

    private void PlantConditions()
    {
        var perCondition = Math.Max(1, _options.ServiceAccounts / 100);
        for (var round = 0; round < perCondition; round++)
        {
            foreach (var condition in PerBindingConditions)
            {
                if (_budget <= 0)
                    return;
                Plant(condition, round);
            }
        }
    }

    private void Plant(SeededCondition condition, int round)
    {
        var standard = StandardClusters();
        var home = standard[round % standard.Count];
        switch (condition)
        {
            case SeededCondition.SharedRole:
                PlantSharedRole(home);
                break;
            case SeededCondition.MultiClusterTrust:
                PlantMultiCluster(round);
                break;
            case SeededCondition.CrossAccountRole:
                PlantCrossAccount(round, providerPresent: true);
                break;
            case SeededCondition.OidcProviderMissing:
                PlantCrossAccount(round, providerPresent: false);
                break;
            case SeededCondition.GitHubActionsTrust:
                PlantSimple(home, condition, extra: (account, statements) =>
                {
                    var provider = GitHubProvider(account);
                    statements.Add(TrustDocuments.GitHubStatement(account.OidcProviderArn(provider), Pick(GeneratedNames.Repositories)));
                });
                break;
            case SeededCondition.NamespaceWildcardTrust:
                PlantSimple(home, condition, wildcard: true);
                break;
            case SeededCondition.FargateWorkload:
                var fargate = standard.FirstOrDefault(c => c.FargateProfiles.Count > 0);
                if (fargate is not null)
                    PlantSimple(fargate, condition, ns: fargate.FargateProfiles[0].Selectors[0].Namespace, placement: WorkloadPlacement.Fargate);
                break;
            case SeededCondition.WindowsWorkload:
                var windows = standard.FirstOrDefault(c => c.Nodegroups.Any(g => g.Os == NodeOs.Windows));
                if (windows is not null)
                    PlantSimple(windows, condition, placement: WorkloadPlacement.Windows, image: "mcr.microsoft.com/dotnet/framework/aspnet:4.8");
                break;
            case SeededCondition.HybridWorkload:
                var hybrid = standard.FirstOrDefault(c => c.Nodegroups.Any(g => g.ComputeType == ComputeType.Hybrid));
                if (hybrid is not null)
                    PlantSimple(hybrid, condition, placement: WorkloadPlacement.Hybrid);
                break;
            case SeededCondition.UnusedServiceAccount:
                PlantSimple(home, condition, workload: false);
                break;
            case SeededCondition.WrongAudience:
                PlantSimple(home, condition, annotate: (sa, _) => sa.Annotations[ServiceAccount.AudienceAnnotation] = "vault.example.com");
                break;
            case SeededCondition.SubjectMismatch:
                PlantSimple(home, condition, trustedSubject: (ns, sa) => _rng.Next(2) == 0 ? $"system:serviceaccount:{ns}:{sa}-svc" : $"system:serviceaccount:default:{sa}");
                break;
            case SeededCondition.MalformedAnnotation:
                PlantSimple(home, condition, annotate: (sa, arn) => sa.Annotations[ServiceAccount.RoleArnAnnotation] = (round % 4) switch
                {
                    0 => arn.Replace("iam::", "iam:", StringComparison.Ordinal),
                    1 => arn[(arn.LastIndexOf('/') + 1)..],
                    2 => arn + " ",
                    _ => arn.Replace(":role/", ":user/", StringComparison.Ordinal),
                });
                break;
            case SeededCondition.RoleMissing:
                PlantSimple(home, condition, createRole: false);
                break;
            case SeededCondition.ExistingAssociationSameRole:
                PlantSimple(home, condition, podIdentity: true, associate: (cluster, sa, roleArn) => Associate(cluster, sa, roleArn));
                break;
            case SeededCondition.ExistingAssociationDifferentRole:
                PlantSimple(home, condition, associate: (cluster, sa, _) =>
                {
                    var account = AccountOf(cluster);
                    var other = AddRole(account, $"{sa.Namespace}-{sa.Name}-pod-identity", "/", TrustDocuments.Document([TrustDocuments.PodIdentityStatement()], TrustStyle.Console),
                        [Pick(GeneratedNames.Policies)], eksctl: null);
                    Associate(cluster, sa, other);
                });
                break;
            case SeededCondition.StalePods:
                PlantSimple(home, condition, stale: true);
                break;
            case SeededCondition.HardCodedWebIdentityEnv:
                PlantSimple(home, condition, hardCode: true);
                break;
        }
    }

    private void PlantSharedRole(Cluster cluster)
    {
        var account = AccountOf(cluster);
        var ns = PickNamespace(cluster);
        var count = Math.Min(_budget, 2 + _rng.Next(3));
        if (count < 2)
            return;
        var names = Enumerable.Range(0, count).Select(_ => NewServiceAccountName(ns, cluster)).ToList();
        var subjects = names.Select(n => $"system:serviceaccount:{ns}:{n}").ToList();
        var role = AddApplicationRole(account, $"{ns}-shared-{_rng.Next(100, 999)}", "/", IrsaTrust(account, cluster, subjects, TrustStyle.Terraform), [Pick(GeneratedNames.Policies)], eksctl: null);
        foreach (var name in names)
            AddBinding(cluster, ns, name, role, SeededCondition.SharedRole);
    }

    private void PlantMultiCluster(int round)
    {
        var pairs = (from a in StandardClusters()
                     from b in StandardClusters()
                     where _estate.Clusters.IndexOf(a) < _estate.Clusters.IndexOf(b) && a.AccountId == b.AccountId
                     select (a, b)).ToList();
        if (pairs.Count == 0 || _budget < 2)
            return;
        var (first, second) = pairs[round % pairs.Count];
        var account = AccountOf(first);
        var ns = PickNamespace(first);
        // The same ServiceAccount lives in both clusters, so its name must be free in both.
        var name = NewServiceAccountName(ns, first, second);
        var subject = $"system:serviceaccount:{ns}:{name}";
        var statements = new[] { first, second }.Select(c => TrustDocuments.IrsaStatement(ProviderArn(account, c), c.OidcIssuer!, [subject], TrustStyle.Terraform));
        var role = AddApplicationRole(account, $"{ns}-{name}-multi", "/", TrustDocuments.Document(statements, TrustStyle.Terraform), [Pick(GeneratedNames.Policies)], eksctl: null);
        AddBinding(first, ns, name, role, SeededCondition.MultiClusterTrust);
        AddBinding(second, ns, name, role, SeededCondition.MultiClusterTrust);
    }

    /// <summary>A role in another account than the cluster; with the provider registered there (works) or not (broken).</summary>
    private void PlantCrossAccount(int round, bool providerPresent)
    {
        var commercial = _estate.Accounts.Where(a => a.Partition == "aws").ToList();
        var clusters = StandardClusters();
        if (commercial.Count < 2 || _budget < 1)
            return;
        // Candidate (cluster, role account) pairs, starting at a different cluster each round. A pair planted as
        // "provider missing" must stay missing, so a working cross-account role never registers that provider.
        var candidates = Enumerable.Range(0, clusters.Count)
            .Select(i => clusters[(round + 2 + i) % clusters.Count])
            .SelectMany(c => commercial.Where(a => a.Id != c.AccountId).Select(a => (Cluster: c, Account: a)))
            .Where(p => providerPresent
                ? !_providerMustStayMissing.Contains($"{p.Account.Id}/{OidcProvider.NormalizeUrl(p.Cluster.OidcIssuer!)}")
                : p.Account.FindOidcProvider(p.Cluster.OidcIssuer!) is null)
            .ToList();
        if (candidates.Count == 0)
            return;
        var (cluster, roleAccount) = candidates[0];
        if (!providerPresent)
            _providerMustStayMissing.Add($"{roleAccount.Id}/{OidcProvider.NormalizeUrl(cluster.OidcIssuer!)}");
        var ns = PickNamespace(cluster);
        var name = NewServiceAccountName(ns, cluster);
        var providerUrl = OidcProvider.NormalizeUrl(cluster.OidcIssuer!);
        if (providerPresent && roleAccount.FindOidcProvider(providerUrl) is null)
            roleAccount.OidcProviders.Add(new OidcProvider { Url = providerUrl, ClientIds = ["sts.amazonaws.com"], Thumbprints = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] });
        var providerArn = $"arn:{roleAccount.Partition}:iam::{roleAccount.Id}:oidc-provider/{providerUrl}";
        var statements = new List<JsonObject> { TrustDocuments.IrsaStatement(providerArn, providerUrl, [$"system:serviceaccount:{ns}:{name}"], TrustStyle.Console) };
        var condition = providerPresent ? SeededCondition.CrossAccountRole : SeededCondition.OidcProviderMissing;
        // A cross-account role with the provider missing is broken; with it present, it may also trust a cluster at home.
        var home = clusters.FirstOrDefault(c => c.AccountId == roleAccount.Id);
        if (providerPresent && home is not null && round % 2 == 0)
            statements.Add(TrustDocuments.IrsaStatement(ProviderArn(roleAccount, home), home.OidcIssuer!, [$"system:serviceaccount:{ns}:{name}"], TrustStyle.Console));
        var path = round % 3 == 0 ? "/cross-account/" : "/";
        var role = AddApplicationRole(roleAccount, $"{cluster.Name}-{ns}-{name}", path, TrustDocuments.Document(statements, TrustStyle.Console), [Pick(GeneratedNames.Policies)], eksctl: null);
        AddBinding(cluster, ns, name, role, condition);
        if (statements.Count == 2 && _budget > 0 && _usedServiceAccounts.Add($"{home!.Key}/{ns}/{name}"))
            AddBinding(home, ns, name, role, SeededCondition.MultiClusterTrust);
    }

    private void PlantSimple(
        Cluster cluster,
        SeededCondition condition,
        string? ns = null,
        WorkloadPlacement placement = WorkloadPlacement.Linux,
        bool workload = true,
        bool wildcard = false,
        bool createRole = true,
        bool podIdentity = false,
        bool stale = false,
        bool hardCode = false,
        string? image = null,
        Action<Account, List<JsonObject>>? extra = null,
        Func<string, string, string>? trustedSubject = null,
        Action<ServiceAccount, string>? annotate = null,
        Action<Cluster, ServiceAccount, string>? associate = null)
    {
        var account = AccountOf(cluster);
        ns ??= PickNamespace(cluster);
        var name = NewServiceAccountName(ns, cluster);
        var subject = wildcard ? $"system:serviceaccount:{ns}:*" : trustedSubject?.Invoke(ns, name) ?? $"system:serviceaccount:{ns}:{name}";
        var style = (TrustStyle)_rng.Next(3);
        var statements = new List<JsonObject> { TrustDocuments.IrsaStatement(ProviderArn(account, cluster), cluster.OidcIssuer!, [subject], style, like: wildcard) };
        extra?.Invoke(account, statements);
        if (podIdentity)
            statements.Add(TrustDocuments.PodIdentityStatement());
        var roleName = Truncate($"{cluster.Name}-{ns}-{name}");
        var roleArn = createRole
            ? AddApplicationRole(account, roleName, "/", TrustDocuments.Document(statements, style), [Pick(GeneratedNames.Policies)], eksctl: style == TrustStyle.Eksctl ? cluster : null)
            : $"arn:{account.Partition}:iam::{account.Id}:role/{UniqueRoleName(account, roleName)}";
        var sa = AddBinding(cluster, ns, name, roleArn, condition, workload, placement, hardCode, image, stale);
        annotate?.Invoke(sa, roleArn);
        associate?.Invoke(cluster, sa, roleArn);
    }

    private void FillWithSimpleBindings()
    {
        var weighted = WeightedClusters();
        var i = 0;
        while (_budget > 0)
        {
            var cluster = weighted[i++ % weighted.Count];
            if (_rng.NextDouble() < BackgroundShare)
            {
                AddServiceAccountWithoutIrsa(cluster);
                continue;
            }
            PlantSimple(cluster, SeededCondition.SimpleIrsa);
        }
    }

    /// <summary>A ServiceAccount without IRSA: the estate's background, not a binding.</summary>
    private void AddServiceAccountWithoutIrsa(Cluster cluster)
    {
        var ns = PickNamespace(cluster);
        var name = NewServiceAccountName(ns, cluster);
        cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = ns, Name = name, Labels = new() { ["app.kubernetes.io/name"] = name } });
        cluster.Workloads.Add(NewWorkload(cluster, ns, name, WorkloadPlacement.Linux, null));
        _budget--;
    }

    /// <summary>The filler's round of clusters: a standard cluster four times, a special one once.</summary>
    private List<Cluster> WeightedClusters() =>
        _estate.Clusters.SelectMany(c => Enumerable.Repeat(c, _kinds[c] == ClusterKind.Standard ? 4 : 1)).ToList();

    private void SeedClusterLevelConditions()
    {
        foreach (var cluster in _estate.Clusters)
        {
            SeededCondition? condition = _kinds[cluster] switch
            {
                ClusterKind.China => SeededCondition.ChinaRegion,
                ClusterKind.Version123 => SeededCondition.ClusterVersionUnsupported,
                ClusterKind.Platform128Eks3 => SeededCondition.PlatformVersionBelowMinimum,
                ClusterKind.AutoMode => SeededCondition.AutoModeCluster,
                ClusterKind.NoAgent => SeededCondition.AgentAddonMissing,
                _ => null,
            };
            if (condition is null)
                continue;
            // A simple binding on a special cluster is not "simple": the cluster decides its category.
            _seeds.RemoveAll(s => s.Condition == SeededCondition.SimpleIrsa && s.BindingKey.StartsWith(cluster.Key + "/", StringComparison.Ordinal));
            foreach (var sa in cluster.ServiceAccounts.Where(s => s.RoleArn is not null && s.Namespace != "kube-system"))
                Seed(cluster, sa.Namespace, sa.Name, condition.Value);
        }
    }

    // ---------------------------------------------------------------- building blocks

    private ServiceAccount AddBinding(Cluster cluster, string ns, string name, string roleArn, SeededCondition condition,
        bool workload = true, WorkloadPlacement placement = WorkloadPlacement.Linux, bool hardCode = false, string? image = null, bool stale = false)
    {
        var sa = new ServiceAccount
        {
            Namespace = ns,
            Name = name,
            Annotations = new() { [ServiceAccount.RoleArnAnnotation] = roleArn },
            Labels = new() { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = ns },
        };
        if (_rng.NextDouble() < 0.25)
            sa.Annotations[ServiceAccount.StsRegionalEndpointsAnnotation] = "true";
        cluster.ServiceAccounts.Add(sa);
        _budget--;
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
            cluster.Pods.Add(EstateMaterializer.CreatePod(_estate, cluster, workload, podName, StalePodStart, PodAdmission.None, nodes[i % nodes.Count].Name));
        }
    }

    private Workload NewWorkload(Cluster cluster, string ns, string name, WorkloadPlacement placement, string? image)
    {
        var roll = _rng.NextDouble();
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
            Replicas = kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet ? 1 + _rng.Next(3) : 1,
            ServiceAccountName = name,
            Placement = placement,
            Schedule = kind == WorkloadKind.CronJob ? $"{_rng.Next(60)} {_rng.Next(24)} * * *" : null,
            TemplateLabels = new() { ["app"] = name },
            Containers =
            [
                new Container
                {
                    Name = "app",
                    Image = image ?? $"{account.Id}.dkr.ecr.{cluster.Region}.amazonaws.com{(account.Partition == "aws-cn" ? ".cn" : "")}/{ns}/{name}:{1 + _rng.Next(4)}.{_rng.Next(20)}.{_rng.Next(10)}",
                },
            ],
        };
        if (_rng.NextDouble() < 0.3)
            workload.Containers[0].Env.Add(new EnvVar { Name = "LOG_LEVEL", Value = "info" });
        return workload;
    }

    private void Associate(Cluster cluster, ServiceAccount sa, string roleArn) => cluster.PodIdentityAssociations.Add(new PodIdentityAssociation
    {
        Namespace = sa.Namespace,
        ServiceAccount = sa.Name,
        RoleArn = roleArn,
        CreatedAt = new DateTimeOffset(2025, 3, 4, 10, _rng.Next(60), 0, TimeSpan.Zero),
    });

    private string AddApplicationRole(Account account, string name, string path, string trust, List<string> policies, Cluster? eksctl)
    {
        _applicationRoles++;
        return AddRole(account, name, path, trust, policies, eksctl);
    }

    private static string AddRole(Account account, string name, string path, string trust, List<string> policies, Cluster? eksctl)
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

    private static string UniqueRoleName(Account account, string name)
    {
        var candidate = name;
        for (var n = 2; account.FindRole(candidate) is not null; n++)
            candidate = Truncate(name, 60) + "-" + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    private static string Truncate(string name, int max = 64) => name.Length <= max ? name : name[..max].TrimEnd('-');

    private static string IrsaTrust(Account account, Cluster cluster, IReadOnlyList<string> subjects, TrustStyle style) =>
        TrustDocuments.Document([TrustDocuments.IrsaStatement(ProviderArn(account, cluster), cluster.OidcIssuer!, subjects, style)], style);

    private static string ProviderArn(Account roleAccount, Cluster cluster) =>
        $"arn:{roleAccount.Partition}:iam::{roleAccount.Id}:oidc-provider/{OidcProvider.NormalizeUrl(cluster.OidcIssuer!)}";

    private static OidcProvider GitHubProvider(Account account)
    {
        var provider = account.FindOidcProvider(TrustDocuments.GitHubIssuer);
        if (provider is null)
        {
            provider = new OidcProvider { Url = TrustDocuments.GitHubIssuer, ClientIds = ["sts.amazonaws.com"], Thumbprints = ["6938fd4d98bab03faadb97b34396831e3780aea1"] };
            account.OidcProviders.Add(provider);
        }
        return provider;
    }

    /// <summary>A ServiceAccount name not yet used in the namespace of any of the clusters, reserved in all of them.</summary>
    private string NewServiceAccountName(string ns, params Cluster[] clusters)
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

    private string PickNamespace(Cluster cluster) => Pick(_namespaces[cluster]);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private List<Cluster> StandardClusters()
    {
        var standard = _estate.Clusters.Where(c => _kinds[c] == ClusterKind.Standard).ToList();
        return standard.Count > 0 ? standard : _estate.Clusters;
    }

    private Account AccountOf(Cluster cluster) => _estate.FindAccount(cluster.AccountId)!;

    private void Seed(Cluster cluster, string ns, string sa, SeededCondition condition) =>
        _seeds.Add(new SeededBinding($"{cluster.Key}/{ns}/{sa}", condition));
}
