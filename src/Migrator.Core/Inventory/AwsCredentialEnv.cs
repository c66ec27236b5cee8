namespace Migrator.Core.Inventory;

/// <summary>
/// The env names, paths and labels through which AWS credentials reach a pod, as the EKS pod identity webhook writes
/// them (aws/amazon-eks-pod-identity-webhook pkg/handler/handler.go addEnvToContainer; EKS user guide pod-id-how-it-works).
/// Shared by the Kubernetes adapter, which reads them, and the sandbox, which injects them.
/// </summary>
public static class AwsCredentialEnv
{
    public const string RoleArn = "AWS_ROLE_ARN";
    public const string WebIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE";
    public const string StsRegionalEndpoints = "AWS_STS_REGIONAL_ENDPOINTS";
    public const string Region = "AWS_REGION";
    public const string DefaultRegion = "AWS_DEFAULT_REGION";
    public const string ContainerCredentialsFullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public const string ContainerAuthorizationTokenFile = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    public const string AccessKeyId = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";
    public const string SessionToken = "AWS_SESSION_TOKEN";

    /// <summary>IRSA: projected token volume, its mount and the token file the SDKs read.</summary>
    public const string IrsaVolumeName = "aws-iam-token";
    public const string IrsaMountPath = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
    public const string IrsaTokenPath = "token";
    public const string IrsaTokenFile = IrsaMountPath + "/" + IrsaTokenPath;

    /// <summary>Pod Identity: the agent's link-local endpoint and the projected token for it.</summary>
    public const string PodIdentityAgentUri = "http://169.254.170.23/v1/credentials";
    public const string PodIdentityVolumeName = "eks-pod-identity-token";
    public const string PodIdentityMountPath = "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount";
    public const string PodIdentityTokenPath = "eks-pod-identity-token";
    public const string PodIdentityTokenFile = PodIdentityMountPath + "/" + PodIdentityTokenPath;
    public const string PodIdentityAudience = "pods.eks.amazonaws.com";

    /// <summary>Label the webhook sets on pods it wired for Pod Identity (DOMAIN.md "precedence").</summary>
    public const string PodIdentityLabel = "eks.amazonaws.com/pod-identity";

    /// <summary>Node labels that decide placement (DOMAIN.md "NOT supported").</summary>
    public const string OsLabel = "kubernetes.io/os";
    public const string ComputeTypeLabel = "eks.amazonaws.com/compute-type";

    /// <summary>AWS credential env names that, written into a pod template by hand, bypass the webhook.</summary>
    public static readonly IReadOnlyList<string> HardCodable =
    [
        RoleArn, WebIdentityTokenFile, AccessKeyId, SecretAccessKey, SessionToken,
        ContainerCredentialsFullUri, ContainerAuthorizationTokenFile,
    ];
}
