using Migrator.Core.Inventory;

namespace Migrator.Integration.Tests.Storage;

/// <summary>A snapshot with every record kind and every field set to something other than its default.</summary>
public static class SnapshotSamples
{
    public static readonly ClusterRef Prod = new("111111111111", "us-east-1", "prod");
    public static readonly ClusterRef Dev = new("222222222222", "eu-west-1", "dev");

    public static InventorySnapshot Full(DateTimeOffset at) => new()
    {
        StartedAt = at,
        CompletedAt = at.AddSeconds(42.1234567),
        Status = RunStatus.Partial,
        Clusters =
        [
            new ClusterInventory
            {
                Ref = Prod, KubernetesVersion = "1.31", PlatformVersion = "eks.12", OidcIssuer = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
                AutoMode = true, Endpoint = "https://abc.gr7.us-east-1.eks.amazonaws.com", PodIdentityAgentStatus = "ACTIVE", PodIdentityAgentVersion = "v1.3.4-eksbuild.1",
                AssociationCount = 2, NodeCounts = new Dictionary<Placement, int> { [Placement.Ec2Linux] = 3, [Placement.Fargate] = 1 },
                NodeRoleArns = ["arn:aws:iam::111111111111:role/node"], FargateProfiles = ["fp-batch"],
            },
            new ClusterInventory { Ref = Dev, CollectionError = "ListPods: 403 Forbidden" },
        ],
        ServiceAccounts =
        [
            new ServiceAccountRecord
            {
                Cluster = Prod, Namespace = "payments", Name = "api",
                Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = "arn:aws:iam::111111111111:role/team/api", [ServiceAccountRecord.TokenExpirationAnnotation] = "3600", ["eks.amazonaws.com/odd \"quoted\""] = "ünïcode ✓" },
                Labels = new Dictionary<string, string> { ["app"] = "api" },
                ResourceVersion = "12345", AnnotationChangedAt = at.AddDays(-3).ToOffset(TimeSpan.FromHours(2)),
                Owner = new Core.Ownership.ResourceOwner(Core.Ownership.OwnerKind.Helm, "payments", "annotation meta.helm.sh/release-name=payments"),
            },
            new ServiceAccountRecord { Cluster = Prod, Namespace = "payments", Name = "bare" },
        ],
        Workloads =
        [
            new WorkloadRecord
            {
                Cluster = Prod, Namespace = "payments", Kind = WorkloadKind.StatefulSet, Name = "api", ServiceAccountName = "api", Replicas = 3, ReadyReplicas = 2,
                TemplatePlacement = Placement.Ec2Linux, Images = ["repo/api:1", "repo/sidecar:2"], HardCodedAwsEnv = ["AWS_ACCESS_KEY_ID"],
            },
        ],
        Pods =
        [
            new PodRecord
            {
                Cluster = Prod, Namespace = "payments", Name = "api-0", ServiceAccountName = "api", NodeName = "ip-10-0-0-1", Placement = Placement.Ec2Linux,
                OwnerKind = WorkloadKind.StatefulSet, OwnerName = "api", CredentialMode = CredentialMode.Irsa, InjectedRoleArn = "arn:aws:iam::111111111111:role/team/api",
                PodIdentityLabel = true, Images = ["repo/api:1"], StartedAt = at.AddHours(-1),
            },
            new PodRecord { Cluster = Prod, Namespace = "payments", Name = "pending", ServiceAccountName = "default" },
        ],
        Associations =
        [
            new AssociationRecord
            {
                Cluster = Prod, AssociationId = "a-123", AssociationArn = "arn:aws:eks:us-east-1:111111111111:podidentityassociation/prod/a-123", Namespace = "kube-system",
                ServiceAccount = "ebs-csi-controller-sa", RoleArn = "arn:aws:iam::111111111111:role/ebs", TargetRoleArn = "arn:aws:iam::333333333333:role/target",
                DisableSessionTags = true, OwnerArn = "arn:aws:eks:us-east-1:111111111111:addon/prod/aws-ebs-csi-driver/x", CreatedAt = at.AddDays(-10),
            },
        ],
        Roles =
        [
            new RoleRecord
            {
                Arn = "arn:aws:iam::111111111111:role/team/api", AccountId = "111111111111", Name = "api", Path = "/team/", TrustPolicy = """{"Version":"2012-10-17","Statement":[]}""",
                Tags = new Dictionary<string, string> { ["owner"] = "payments", ["cost"] = "42" }, AttachedPolicies = ["S3Read", "SqsSend"],
                Owner = new Core.Ownership.ResourceOwner(Core.Ownership.OwnerKind.Terraform, null, "tag managed-by=terraform"),
            },
            new RoleRecord { Arn = "arn:aws:iam::111111111111:role/gone", AccountId = "111111111111", Name = "gone", Exists = false },
            new RoleRecord { Arn = "arn:aws:iam::222222222222:role/x", AccountId = "222222222222", Name = "x", LookupError = "AccessDenied" },
        ],
        OidcProviders =
        [
            new OidcProviderRecord { AccountId = "111111111111", Arn = "arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC", Url = "oidc.eks.us-east-1.amazonaws.com/id/ABC", ClientIds = ["sts.amazonaws.com"], Thumbprints = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] },
        ],
        Addons =
        [
            new AddonRecord
            {
                Cluster = Prod, Name = "aws-ebs-csi-driver", Version = "v1.35.0-eksbuild.1", Status = "ACTIVE", ServiceAccountRoleArn = "arn:aws:iam::111111111111:role/ebs",
                PodIdentityAssociationArns = ["arn:aws:eks:us-east-1:111111111111:podidentityassociation/prod/a-123"], OwnedServiceAccounts = ["kube-system/ebs-csi-controller-sa"],
            },
        ],
        Errors = [new CollectionError("cluster", Dev.Key, "ListPods", "403 Forbidden")],
        Notes =
        [
            new CollectionNote("account", "111111111111", "GetAccountAuthorizationDetails", "denied (AccessDenied); its roles were read with GetRole one by one"),
            new CollectionNote("account", "222222222222", "GetAccountAuthorizationDetails", "failed (timed out: ünïcode ✓); its roles were read with GetRole one by one"),
        ],
    };
}
