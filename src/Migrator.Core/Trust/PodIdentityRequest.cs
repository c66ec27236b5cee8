namespace Migrator.Core.Trust;

/// <summary>
/// EKS Pod Identity assumes the role as service pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession,
/// passing session tags as request tags (EKS user guide, "Create IAM role with trust policy required by EKS Pod
/// Identity" and "Enable or disable session tags"): eks-cluster-arn, eks-cluster-name, kubernetes-namespace,
/// kubernetes-service-account, kubernetes-pod-name, kubernetes-pod-uid. The pod name and uid differ per pod and are
/// unknown here, so their aws:RequestTag keys are absent (their names are still in aws:TagKeys).
/// aws:SourceAccount is the cluster's account (EKS calls STS on behalf of the cluster). An association with
/// disableSessionTags passes no tags: <see cref="SessionTags"/> false leaves every aws:RequestTag key and aws:TagKeys absent.
/// </summary>
public sealed record PodIdentityRequest(string ClusterArn, string Namespace, string ServiceAccount)
{
    public const string ServicePrincipal = "pods.eks.amazonaws.com";
    public const string AssumeRole = "sts:AssumeRole";
    public const string TagSession = "sts:TagSession";
    public const string ClusterArnTag = "aws:RequestTag/eks-cluster-arn";
    public const string ClusterNameTag = "aws:RequestTag/eks-cluster-name";
    public const string NamespaceTag = "aws:RequestTag/kubernetes-namespace";
    public const string ServiceAccountTag = "aws:RequestTag/kubernetes-service-account";

    public static readonly IReadOnlyList<string> SessionTagKeys =
        ["eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid"];

    /// <summary>The cluster name: the last part of arn:PARTITION:eks:REGION:ACCOUNT:cluster/NAME.</summary>
    public string ClusterName => ClusterArn[(ClusterArn.LastIndexOf('/') + 1)..];

    /// <summary>False for an association with disableSessionTags: the request carries no session tags.</summary>
    public bool SessionTags { get; init; } = true;

    public string? ClusterAccount => ArnParts.TryParse(ClusterArn, out var arn) ? arn.Account : null;

    private static readonly string[] TagKeys = [.. SessionTagKeys];

    /// <summary>The request for one action, with a context of its own (a caller may add keys to it).</summary>
    public TrustRequest ToTrustRequest(string action) => new("Service", ServicePrincipal, action, Context());

    /// <summary>
    /// Both of Pod Identity's requests, sts:AssumeRole and sts:TagSession, sharing one context: for deciding, never for
    /// adding keys. A rewrite decides every binding's requests several times, and built them anew each time.
    /// </summary>
    public PodIdentityRequests ToTrustRequests()
    {
        var context = Context();
        return new PodIdentityRequests(new TrustRequest("Service", ServicePrincipal, AssumeRole, context), new TrustRequest("Service", ServicePrincipal, TagSession, context));
    }

    private RequestContext Context()
    {
        var context = new RequestContext();
        if (SessionTags)
        {
            context.Set(ClusterArnTag, ClusterArn)
                .Set(ClusterNameTag, ClusterName)
                .Set(NamespaceTag, Namespace)
                .Set(ServiceAccountTag, ServiceAccount)
                .Set("aws:TagKeys", TagKeys);
        }
        if (ClusterAccount is { Length: > 0 } account)
            context.Set("aws:SourceAccount", account);
        return context;
    }
}

/// <summary>The two requests EKS Pod Identity makes for one association (<see cref="PodIdentityRequest.ToTrustRequests"/>).</summary>
public sealed record PodIdentityRequests(TrustRequest AssumeRole, TrustRequest TagSession);
