using System.Globalization;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>
/// The estate's frame, drawn first: accounts (each with its access, cluster and node roles), clusters of every kind
/// the migration must handle, their node groups, Fargate profiles, namespaces, system add-ons and add-on roles.
/// </summary>
internal sealed class EstateLayout(EstateDraft draft)
{
    private readonly EstateDraft _draft = draft;

    public void Lay()
    {
        CreateAccounts();
        CreateClusters();
        foreach (var cluster in _draft.Estate.Clusters)
            SetUpCluster(cluster);
    }

    private void CreateAccounts()
    {
        var count = _draft.Options.Accounts ?? Math.Clamp(1 + (_draft.Options.Clusters / 3), 1, 6);
        for (var i = 0; i < count; i++)
        {
            var id = (100_000_000_000L + (_draft.Rng.NextInt64(800_000_000_000L) / 1000 * 1000) + ((i + 1) * 111)).ToString(CultureInfo.InvariantCulture);
            var region = GeneratedNames.Regions[i % GeneratedNames.Regions.Length];
            var regions = new List<string> { region };
            var second = GeneratedNames.Regions[(i + 1) % GeneratedNames.Regions.Length];
            if (_draft.Rng.NextDouble() < 0.6)
                regions.Add(second);
            var name = GeneratedNames.AccountNames[i % GeneratedNames.AccountNames.Length] + (i >= GeneratedNames.AccountNames.Length ? $"-{i}" : "");
            _draft.Estate.Accounts.Add(NewAccount(id, name, "aws", regions, operatorPrincipal: i == 0 ? $"arn:aws:iam::{id}:user/migrator-operator" : null));
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
        var operatorAccount = _draft.Estate.Accounts.Count == 0 ? account : _draft.Estate.Accounts[0];
        account.Roles.Add(new IamRole
        {
            Name = "MigratorAccess",
            Description = "Assumed by the migration operator",
            TrustPolicy = GeneratedTrust.Document([GeneratedTrust.AccountStatement(operatorAccount.RootArn)], TrustStyle.Console),
            AttachedPolicies = ["IAMFullAccess", "AmazonEKSClusterPolicy", "MigratorEksPodIdentityAdmin"],
            Tags = new() { ["managed-by"] = "terraform" },
        });
        account.Roles.Add(new IamRole
        {
            Name = "eks-cluster-role",
            TrustPolicy = GeneratedTrust.Document([GeneratedTrust.ServiceStatement("eks.amazonaws.com")], TrustStyle.Terraform),
            AttachedPolicies = ["AmazonEKSClusterPolicy"],
        });
        account.Roles.Add(new IamRole
        {
            Name = "eks-node-role",
            TrustPolicy = GeneratedTrust.Document([GeneratedTrust.ServiceStatement("ec2.amazonaws.com")], TrustStyle.Terraform),
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
        while (plan.Count < _draft.Options.Clusters)
            plan.Add(ClusterKind.Standard);

        for (var i = 0; i < _draft.Options.Clusters; i++)
        {
            var kind = plan[i];
            Account account;
            string region;
            if (kind == ClusterKind.China)
            {
                account = _draft.Estate.Accounts.Find(a => a.Partition == "aws-cn") ?? AddChinaAccount();
                region = "cn-north-1";
            }
            else
            {
                var index = i switch { 0 or 1 => 0, 2 => 1, _ => i };
                account = _draft.Estate.Accounts.Where(a => a.Partition == "aws").ElementAt(index % _draft.Estate.Accounts.Count(a => a.Partition == "aws"));
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
                _ => _draft.Pick(new[] { ("1.29", "eks.21"), ("1.30", "eks.15"), ("1.31", "eks.12"), ("1.32", "eks.6"), ("1.33", "eks.3") }),
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
            _draft.Estate.Clusters.Add(cluster);
            _draft.Kinds[cluster] = kind;
        }
    }

    private Account AddChinaAccount()
    {
        var id = (700_000_000_000L + _draft.Rng.NextInt64(99_999_999_999L)).ToString(CultureInfo.InvariantCulture);
        var account = NewAccount(id, "china", "aws-cn", ["cn-north-1"], operatorPrincipal: null);
        _draft.Estate.Accounts.Add(account);
        return account;
    }

    private void SetUpCluster(Cluster cluster)
    {
        var kind = _draft.Kinds[cluster];
        var account = _draft.AccountOf(cluster);
        var index = _draft.Estate.Clusters.IndexOf(cluster);
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
            cluster.Nodegroups.Add(new Nodegroup { Name = "general", NodeRoleArn = nodeRole, NodeCount = 2 + _draft.Rng.Next(3), InstanceType = "m6i.xlarge" });
            if (_draft.Rng.NextDouble() < 0.3)
                cluster.Nodegroups.Add(new Nodegroup { Name = "arm", Arch = NodeArch.Arm64, NodeRoleArn = nodeRole, NodeCount = 1 + _draft.Rng.Next(2), InstanceType = "m7g.large", CapacityType = "SPOT" });
        }
        var standard = kind == ClusterKind.Standard;
        if (standard && (index == 0 || _draft.Rng.NextDouble() < 0.3))
            cluster.Nodegroups.Add(new Nodegroup { Name = "windows", Os = NodeOs.Windows, NodeRoleArn = nodeRole, NodeCount = 1 + _draft.Rng.Next(2), InstanceType = "m5.xlarge" });
        if (standard && (index == 0 || _draft.Rng.NextDouble() < 0.15))
            cluster.Nodegroups.Add(new Nodegroup { Name = "on-prem", ComputeType = ComputeType.Hybrid, NodeRoleArn = nodeRole, NodeCount = 2 });
        if (standard && (index == 0 || _draft.Rng.NextDouble() < 0.3))
        {
            cluster.FargateProfiles.Add(new FargateProfile
            {
                Name = "serverless",
                PodExecutionRoleArn = $"arn:{account.Partition}:iam::{account.Id}:role/eks-fargate-pod-execution",
                Selectors = [new FargateSelector { Namespace = "serverless" }],
            });
        }

        var namespaces = GeneratedNames.Namespaces.OrderBy(_ => _draft.Rng.Next()).Take(4 + _draft.Rng.Next(4)).ToList();
        _draft.Namespaces[cluster] = namespaces;

        SetUpAddons(cluster, kind, account);
    }

    private void SetUpAddons(Cluster cluster, ClusterKind kind, Account account)
    {
        var vpcCniRole = EstateDraft.AddRole(account, $"{cluster.Name}-vpc-cni", "/", EstateDraft.IrsaTrust(account, cluster, ["system:serviceaccount:kube-system:aws-node"], TrustStyle.Eksctl),
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
            var ebsRole = EstateDraft.AddRole(account, $"{cluster.Name}-ebs-csi", "/", EstateDraft.IrsaTrust(account, cluster, ["system:serviceaccount:kube-system:ebs-csi-controller-sa"], TrustStyle.Terraform),
                ["AmazonEBSCSIDriverPolicy"], eksctl: null);
            cluster.Addons.Add(new Addon { Name = "aws-ebs-csi-driver", Version = "v1.38.1-eksbuild.2", ServiceAccountRoleArn = ebsRole });
            cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "ebs-csi-controller-sa", Annotations = new() { [ServiceAccount.RoleArnAnnotation] = ebsRole } });
            cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = "kube-system", Name = "ebs-csi-node-sa" });
            cluster.Workloads.Add(SystemWorkload(WorkloadKind.Deployment, "ebs-csi-controller", "ebs-csi-controller-sa", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1", replicas: 2));
            cluster.Workloads.Add(SystemWorkload(WorkloadKind.DaemonSet, "ebs-csi-node", "ebs-csi-node-sa", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1"));
            if (kind == ClusterKind.Standard)
            {
                _draft.Seed(cluster, "kube-system", "aws-node", SeededCondition.AddonRole);
                _draft.Seed(cluster, "kube-system", "ebs-csi-controller-sa", SeededCondition.AddonRole);
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
}
