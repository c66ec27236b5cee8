using Migrator.Core.Evidence;
using Migrator.Core.Inventory;

namespace Migrator.Core.Tests.Assessment;

/// <summary>
/// A random but well-formed snapshot for property tests: a few clusters in two accounts (duplicates, missing issuers,
/// partial collection), roles shared within and across clusters with IRSA, wildcard and Pod Identity trust (some
/// missing, unreadable or malformed), annotated and plain ServiceAccounts (some malformed or duplicated), associations
/// (some with target roles or owned by add-ons), pods, workloads, add-ons, providers and recorded uses.
/// </summary>
internal static class RandomEstate
{
    private static readonly string[] Namespaces = ["a", "b", "kube-system"];
    private static readonly string[] Names = ["s1", "s2", "s3", "s4"];
    private static readonly string[] Regions = ["us-east-1", "us-west-2", "cn-north-1"];
    private static readonly string[] Accounts = [Estates.Prod, Estates.Other];

    public static InventorySnapshot Build(int seed)
    {
        var r = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[r.Next(items.Count)];
        bool Chance(double p) => r.NextDouble() < p;

        var clusters = Enumerable.Range(0, r.Next(1, 5))
            .Select(i => new ClusterRef(Pick(Accounts), Pick(Regions), $"c{r.Next(0, 4)}")).ToList();
        var roleArns = Enumerable.Range(0, r.Next(1, 7)).Select(i => Estates.RoleArnOf($"r{i}", Pick(Accounts))).ToList();
        var annotations = roleArns.Concat([" " + roleArns[0], "not-an-arn"]).ToList();

        var clusterRecords = clusters.Select(c => new ClusterInventory
        {
            Ref = c,
            KubernetesVersion = Pick(new[] { "1.23", "1.30" }),
            OidcIssuer = Chance(0.9) ? "https://" + Estates.Issuer(c) : null,
            PodIdentityAgentStatus = Chance(0.7) ? "ACTIVE" : null,
            AssociationCount = r.Next(0, 3),
            NodeCounts = new Dictionary<Placement, int> { [Pick(Enum.GetValues<Placement>())] = 2 },
            CollectionError = Chance(0.1) ? "pods: Forbidden" : null,
        }).ToList();
        var providers = clusters.Where(_ => Chance(0.8)).Select(c => Chance(0.8) ? c.AccountId : Pick(Accounts))
            .Zip(clusters, (account, c) => new OidcProviderRecord
            {
                AccountId = account,
                Arn = Estates.ProviderArn(account, Estates.Issuer(c)),
                Url = Estates.Issuer(c),
                ClientIds = Chance(0.9) ? ["sts.amazonaws.com"] : ["other"],
            }).ToList();

        var accounts = new List<ServiceAccountRecord>();
        foreach (var c in clusters)
        {
            for (var i = r.Next(0, 7); i > 0; i--)
            {
                var annotationsOf = new Dictionary<string, string>();
                if (Chance(0.8)) annotationsOf[ServiceAccountRecord.RoleArnAnnotation] = Chance(0.9) ? Pick(roleArns) : Pick(annotations);
                if (Chance(0.1)) annotationsOf[ServiceAccountRecord.AudienceAnnotation] = "other";
                accounts.Add(new ServiceAccountRecord { Cluster = c, Namespace = Pick(Namespaces), Name = Pick(Names), Annotations = annotationsOf });
            }
        }

        var roles = roleArns.Distinct().Where(_ => Chance(0.85)).Select(arn =>
        {
            var account = arn.Split(':')[4];
            var trust = new TrustDocBuilder();
            for (var i = r.Next(0, 4); i > 0; i--)
            {
                var c = Pick(clusters);
                if (Chance(0.7)) trust.IrsaFor(c, Pick(Namespaces), Pick(Names), account);
                else trust.Irsa(account, Estates.Issuer(c), Chance(0.5) ? "system:serviceaccount:a:*" : "*", audience: Chance(0.5) ? null : "sts.amazonaws.com", op: "StringLike");
            }
            if (Chance(0.4)) trust.Raw(TrustDocBuilder.PodIdentityStatement(Pick(clusters), Pick(Namespaces), Pick(Names)));
            return new RoleRecord
            {
                Arn = arn,
                AccountId = account,
                Name = arn[(arn.LastIndexOf('/') + 1)..],
                Exists = Chance(0.9),
                TrustPolicy = Chance(0.05) ? "{ not json" : trust.Build(),
                LastUsedAt = Chance(0.5) ? Estates.At.AddDays(-r.Next(0, 400)) : null,
                LookupError = Chance(0.05) ? "AccessDenied" : null,
            };
        }).ToList();

        var associations = new List<AssociationRecord>();
        var addons = new List<AddonRecord>();
        foreach (var c in clusters)
        {
            for (var i = r.Next(0, 4); i > 0; i--)
            {
                var id = $"a-{associations.Count}";
                associations.Add(new AssociationRecord
                {
                    Cluster = c,
                    AssociationId = id,
                    AssociationArn = $"arn:aws:eks:{c.Region}:{c.AccountId}:podidentityassociation/{c.Name}/{id}",
                    Namespace = Pick(Namespaces),
                    ServiceAccount = Pick(Names),
                    RoleArn = Pick(roleArns),
                    TargetRoleArn = Chance(0.2) ? Pick(roleArns) : null,
                    DisableSessionTags = Chance(0.2),
                    OwnerArn = Chance(0.2) ? $"arn:aws:eks:{c.Region}:{c.AccountId}:addon/{c.Name}/vpc-cni/x" : null,
                });
            }
            if (Chance(0.5))
            {
                addons.Add(new AddonRecord
                {
                    Cluster = c,
                    Name = "vpc-cni",
                    Version = "v1.18.0",
                    Status = "ACTIVE",
                    ServiceAccountRoleArn = Chance(0.5) ? Pick(roleArns) : null,
                    OwnedServiceAccounts = ["kube-system/s1"],
                });
            }
        }

        var pods = new List<PodRecord>();
        var workloads = new List<WorkloadRecord>();
        var usage = new List<IdentityUsage>();
        foreach (var c in clusters)
        {
            for (var i = r.Next(0, 8); i > 0; i--)
            {
                var (ns, sa) = (Pick(Namespaces), Pick(Names));
                pods.Add(new PodRecord
                {
                    Cluster = c,
                    Namespace = ns,
                    Name = $"p{pods.Count}",
                    ServiceAccountName = sa,
                    Placement = Pick(Enum.GetValues<Placement>()),
                    CredentialMode = Pick(Enum.GetValues<CredentialMode>()),
                    InjectedRoleArn = Chance(0.5) ? Pick(roleArns) : null,
                    Images = [Chance(0.3) ? "example/app:aws-sdk-java-1.11.100" : "example/app:1"],
                });
            }
            for (var i = r.Next(0, 6); i > 0; i--)
            {
                workloads.Add(new WorkloadRecord
                {
                    Cluster = c,
                    Namespace = Pick(Namespaces),
                    Kind = Pick(Enum.GetValues<WorkloadKind>()),
                    Name = $"w{workloads.Count}",
                    ServiceAccountName = Pick(Names),
                    Replicas = 1,
                    TemplatePlacement = Pick(Enum.GetValues<Placement>()),
                    HardCodedAwsEnv = Chance(0.1) ? ["AWS_ACCESS_KEY_ID"] : [],
                });
            }
            for (var i = r.Next(0, 3); i > 0; i--)
            {
                usage.Add(new IdentityUsage
                {
                    Key = new BindingKey(c, Pick(Namespaces), Pick(Names)),
                    WindowStart = Estates.At.AddDays(-r.Next(0, 200)),
                    WindowEnd = Estates.At,
                    LastIrsaAt = Chance(0.5) ? Estates.At.AddDays(-r.Next(0, 200)) : null,
                    Error = Chance(0.2) ? "AccessDenied" : null,
                });
            }
        }

        return new InventorySnapshot
        {
            RunId = 7,
            StartedAt = Estates.Earlier,
            CompletedAt = Chance(0.8) ? Estates.At : null,
            Status = RunStatus.Complete,
            Clusters = clusterRecords,
            // A cluster lists each ServiceAccount once.
            ServiceAccounts = Shuffle(accounts.DistinctBy(s => s.Key).ToList(), r),
            Workloads = Shuffle(workloads, r),
            Pods = Shuffle(pods, r),
            Associations = Shuffle(associations, r),
            Roles = roles,
            OidcProviders = providers,
            Addons = addons,
            Usage = Shuffle(usage, r),
        };
    }

    /// <summary>Rows of different clusters interleaved, as a sharded or parallel collection may store them.</summary>
    private static List<T> Shuffle<T>(List<T> items, Random r) => items.OrderBy(_ => r.Next()).ToList();
}
