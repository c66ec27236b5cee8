using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Tests.Assessment;

/// <summary>Test data for the assessment (eShop Builders.cs style): a healthy, Ready estate by default, tweaked per test.</summary>
internal static class Estates
{
    public const string Prod = "111111111111";
    public const string Other = "222222222222";
    public static readonly ClusterRef East = new(Prod, "us-east-1", "prod");
    public static readonly ClusterRef West = new(Prod, "us-west-2", "prod");
    public static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Earlier = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    public static string Issuer(ClusterRef c) => $"oidc.eks.{c.Region}.amazonaws.com{(c.Partition == "aws-cn" ? ".cn" : "")}/id/{IdOf(c)}";
    public static string ProviderArn(string account, string issuer) =>
        $"arn:{(issuer.Contains(".amazonaws.com.cn/", StringComparison.Ordinal) ? "aws-cn" : "aws")}:iam::{account}:oidc-provider/{issuer}";
    public static string RoleArnOf(string name, string account = Prod) => $"arn:aws:iam::{account}:role/{name}";

    private static string IdOf(ClusterRef c) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(c.Key)))[..32];
}

/// <summary>An IRSA trust policy document, statement by statement (the shape terraform-aws-iam and eksctl write).</summary>
internal sealed class TrustDocBuilder
{
    private readonly List<string> _statements = [];

    public TrustDocBuilder Irsa(string account, string issuer, string subject, string? audience = "sts.amazonaws.com", string op = "StringEquals")
    {
        var conditions = $"\"{issuer}:sub\": \"{subject}\"" + (audience is null ? "" : $", \"{issuer}:aud\": \"{audience}\"");
        var principal = $"{{\"Federated\": \"{Estates.ProviderArn(account, issuer)}\"}}";
        _statements.Add($"{{\"Effect\": \"Allow\", \"Principal\": {principal}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {{\"{op}\": {{{conditions}}}}}}}");
        return this;
    }

    public TrustDocBuilder IrsaFor(ClusterRef cluster, string ns, string sa, string account = Estates.Prod) =>
        Irsa(account, Estates.Issuer(cluster), $"system:serviceaccount:{ns}:{sa}");

    /// <summary>The pods.eks.amazonaws.com statement the EKS user guide shows, scoped by session tags to one binding.</summary>
    public static string PodIdentityStatement(ClusterRef cluster, string ns, string sa) =>
        "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": [\"sts:AssumeRole\", \"sts:TagSession\"], \"Condition\": {\"StringEquals\": {"
        + $"\"aws:RequestTag/eks-cluster-arn\": \"{cluster.Arn}\", \"aws:RequestTag/kubernetes-namespace\": \"{ns}\", \"aws:RequestTag/kubernetes-service-account\": \"{sa}\"" + "}}}";

    public TrustDocBuilder Raw(string statementJson)
    {
        _statements.Add(statementJson);
        return this;
    }

    public string Build() => $$"""{"Version": "2012-10-17", "Statement": [{{string.Join(", ", _statements)}}]}""";
}

/// <summary>Builds an <see cref="InventorySnapshot"/>. Binding() adds a healthy IRSA binding with one Deployment and one pod.</summary>
internal sealed class SnapshotBuilder
{
    private readonly Dictionary<ClusterRef, ClusterInventory> _clusters = [];
    private readonly List<ServiceAccountRecord> _serviceAccounts = [];
    private readonly List<WorkloadRecord> _workloads = [];
    private readonly List<PodRecord> _pods = [];
    private readonly List<AssociationRecord> _associations = [];
    private readonly Dictionary<string, RoleRecord> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OidcProviderRecord> _providers = new(StringComparer.Ordinal);
    private readonly List<AddonRecord> _addons = [];

    public SnapshotBuilder Cluster(ClusterRef c, Func<ClusterInventory, ClusterInventory>? tweak = null)
    {
        var cluster = _clusters.GetValueOrDefault(c) ?? new ClusterInventory
        {
            Ref = c,
            KubernetesVersion = "1.30",
            PlatformVersion = "eks.8",
            OidcIssuer = "https://" + Estates.Issuer(c),
            PodIdentityAgentStatus = "ACTIVE",
            PodIdentityAgentVersion = "v1.3.4-eksbuild.1",
            NodeCounts = new Dictionary<Placement, int> { [Placement.Ec2Linux] = 3 },
        };
        _clusters[c] = tweak is null ? cluster : tweak(cluster);
        Provider(c.AccountId, Estates.Issuer(c));
        return this;
    }

    public SnapshotBuilder Provider(string account, string issuer, params string[] clientIds)
    {
        var arn = Estates.ProviderArn(account, issuer);
        _providers[arn] = new OidcProviderRecord { AccountId = account, Arn = arn, Url = issuer, ClientIds = clientIds.Length == 0 ? ["sts.amazonaws.com"] : clientIds };
        return this;
    }

    public SnapshotBuilder WithoutProvider(string account, string issuer)
    {
        _providers.Remove(Estates.ProviderArn(account, issuer));
        return this;
    }

    /// <summary>A ServiceAccount annotated with roleArn, a role trusting it, a Deployment and a running IRSA pod on Linux EC2.</summary>
    public SnapshotBuilder Binding(ClusterRef c, string ns, string sa, string roleArn, bool withWorkload = true)
    {
        Cluster(c);
        _serviceAccounts.Add(new ServiceAccountRecord
        {
            Cluster = c,
            Namespace = ns,
            Name = sa,
            Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = roleArn },
            AnnotationChangedAt = Estates.Earlier,
        });
        if (RoleArn.TryParse(roleArn, out var arn, out _) && arn is not null)
        {
            var existing = _roles.GetValueOrDefault(arn.Value);
            var trust = new TrustDocBuilder();
            foreach (var (cc, n, s) in TrustedBy(arn.Value).Append((c, ns, sa)))
                trust.IrsaFor(cc, n, s, arn.AccountId);
            foreach (var statement in _extraStatements.Where(e => e.Role == arn.Value))
                trust.Raw(statement.Json);
            _roles[arn.Value] = (existing ?? new RoleRecord { Arn = arn.Value, AccountId = arn.AccountId, Name = arn.Name, Path = arn.Path })
                with { TrustPolicy = trust.Build() };
            _trusted.Add((arn.Value, c, ns, sa));
        }
        if (withWorkload)
        {
            Workload(c, ns, $"{sa}-app", sa);
            Pod(c, ns, $"{sa}-app-7d9f-abcde", sa, p => p with { CredentialMode = CredentialMode.Irsa, InjectedRoleArn = roleArn });
        }
        return this;
    }

    private readonly List<(string Role, ClusterRef Cluster, string Ns, string Sa)> _trusted = [];
    private readonly List<(string Role, string Json)> _extraStatements = [];

    /// <summary>Adds a statement to a role's trust (kept when later bindings rebuild it); creates the role if needed.</summary>
    public SnapshotBuilder TrustStatement(string roleArn, string statementJson)
    {
        _extraStatements.Add((roleArn, statementJson));
        return Rebuild(roleArn);
    }

    private SnapshotBuilder Rebuild(string roleArn)
    {
        var arn = RoleArn.TryParse(roleArn, out var parsed, out _) ? parsed! : throw new ArgumentException(roleArn);
        var trust = new TrustDocBuilder();
        foreach (var (cc, n, s) in TrustedBy(roleArn))
            trust.IrsaFor(cc, n, s, arn.AccountId);
        foreach (var statement in _extraStatements.Where(e => e.Role == roleArn))
            trust.Raw(statement.Json);
        _roles[roleArn] = (_roles.GetValueOrDefault(roleArn) ?? new RoleRecord { Arn = roleArn, AccountId = arn.AccountId, Name = arn.Name, Path = arn.Path })
            with { TrustPolicy = trust.Build() };
        return this;
    }

    /// <summary>Lets Pod Identity use the role for one binding: the tag-scoped pods.eks.amazonaws.com statement.</summary>
    public SnapshotBuilder PodIdentityTrust(string roleArn, ClusterRef c, string ns, string sa) =>
        TrustStatement(roleArn, TrustDocBuilder.PodIdentityStatement(c, ns, sa));

    /// <summary>Removes a ServiceAccount's IRSA subject from a role's trust (as cleanup does).</summary>
    public SnapshotBuilder Untrust(string roleArn, ClusterRef c, string ns, string sa)
    {
        _trusted.RemoveAll(t => t.Role == roleArn && t.Cluster == c && t.Ns == ns && t.Sa == sa);
        return Rebuild(roleArn);
    }
    private IEnumerable<(ClusterRef, string, string)> TrustedBy(string role) => _trusted.Where(t => t.Role == role).Select(t => (t.Cluster, t.Ns, t.Sa));

    public SnapshotBuilder ServiceAccount(ClusterRef c, string ns, string sa, Func<ServiceAccountRecord, ServiceAccountRecord> tweak)
    {
        var i = _serviceAccounts.FindIndex(s => s.Cluster == c && s.Namespace == ns && s.Name == sa);
        _serviceAccounts[i] = tweak(_serviceAccounts[i]);
        return this;
    }

    public SnapshotBuilder Workload(ClusterRef c, string ns, string name, string sa, Func<WorkloadRecord, WorkloadRecord>? tweak = null)
    {
        var w = new WorkloadRecord { Cluster = c, Namespace = ns, Kind = WorkloadKind.Deployment, Name = name, ServiceAccountName = sa, Replicas = 1, ReadyReplicas = 1, Images = ["registry.example.com/app:1.0.0"] };
        _workloads.Add(tweak is null ? w : tweak(w));
        return this;
    }

    public SnapshotBuilder EditWorkloads(Func<WorkloadRecord, WorkloadRecord> tweak)
    {
        for (var i = 0; i < _workloads.Count; i++) _workloads[i] = tweak(_workloads[i]);
        return this;
    }

    public SnapshotBuilder Pod(ClusterRef c, string ns, string name, string sa, Func<PodRecord, PodRecord>? tweak = null)
    {
        var p = new PodRecord
        {
            Cluster = c, Namespace = ns, Name = name, ServiceAccountName = sa, NodeName = "ip-10-0-1-23.ec2.internal", Placement = Placement.Ec2Linux,
            OwnerKind = WorkloadKind.Deployment, OwnerName = $"{sa}-app", Images = ["registry.example.com/app:1.0.0"], StartedAt = Estates.At.AddDays(-1),
        };
        _pods.Add(tweak is null ? p : tweak(p));
        return this;
    }

    public SnapshotBuilder EditPods(Func<PodRecord, PodRecord> tweak)
    {
        for (var i = 0; i < _pods.Count; i++) _pods[i] = tweak(_pods[i]);
        return this;
    }

    public SnapshotBuilder Role(string arn, Func<RoleRecord, RoleRecord> tweak)
    {
        _roles[arn] = tweak(_roles[arn]);
        return this;
    }

    public SnapshotBuilder AddRole(RoleRecord role)
    {
        _roles[role.Arn] = role;
        return this;
    }

    public SnapshotBuilder Association(ClusterRef c, string ns, string sa, string roleArn, Func<AssociationRecord, AssociationRecord>? tweak = null)
    {
        var a = new AssociationRecord
        {
            Cluster = c, AssociationId = $"a-{_associations.Count + 1:D17}", AssociationArn = $"arn:aws:eks:{c.Region}:{c.AccountId}:podidentityassociation/{c.Name}/a-{_associations.Count + 1:D17}",
            Namespace = ns, ServiceAccount = sa, RoleArn = roleArn,
        };
        _associations.Add(tweak is null ? a : tweak(a));
        return this;
    }

    public SnapshotBuilder Addon(AddonRecord addon)
    {
        _addons.Add(addon);
        return this;
    }

    public InventorySnapshot Build() => new()
    {
        RunId = 7,
        StartedAt = Estates.At.AddMinutes(-5),
        CompletedAt = Estates.At.AddMinutes(-1),
        Status = RunStatus.Complete,
        Clusters = _clusters.Values.ToList(),
        ServiceAccounts = _serviceAccounts.ToList(),
        Workloads = _workloads.ToList(),
        Pods = _pods.ToList(),
        Associations = _associations.ToList(),
        Roles = _roles.Values.ToList(),
        OidcProviders = _providers.Values.ToList(),
        Addons = _addons.ToList(),
    };
}
