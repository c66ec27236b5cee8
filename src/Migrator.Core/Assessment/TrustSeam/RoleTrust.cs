namespace Migrator.Core.Assessment.TrustSeam;

/// <summary>What the assessment needs from a role's trust policy, read once per role through <see cref="ITrustReader"/>.</summary>
internal interface IRoleTrust
{
    IReadOnlyList<TrustSubjectView> Subjects { get; }
    IrsaVerdict EvaluateIrsa(IrsaQuery query);
    /// <summary>pods.eks.amazonaws.com asking for sts:AssumeRole + sts:TagSession with one association's session tags.</summary>
    TrustVerdict EvaluatePodIdentity(PodIdentityQuery query);
    /// <summary>The source role of a targetRoleArn association asking to assume this (target) role.</summary>
    TrustVerdict EvaluateRoleChain(RoleChainQuery query);
}

/// <summary>A trust policy read: either the trust, or why it could not be parsed.</summary>
internal sealed record TrustRead(IRoleTrust? Trust, string? Error);

/// <summary>The seam over the trust engine (Migrator.Core.Trust): the only place the assessment touches it.</summary>
internal interface ITrustReader
{
    TrustRead Read(string document);
}

internal enum SubjectKind
{
    ExactServiceAccount,
    NamespaceWildcard,
    AnyServiceAccount,
    Pattern,
    NonKubernetes,
}

/// <summary>One federated subject a statement trusts. Issuer is host/path without scheme.</summary>
internal sealed record TrustSubjectView(
    string ProviderArn,
    string ProviderAccount,
    string Issuer,
    SubjectKind Kind,
    string? Namespace,
    string? ServiceAccount,
    string Pattern,
    IReadOnlyList<string> Audiences,
    int StatementIndex);

internal sealed record IrsaQuery(string Partition, string ProviderAccount, string Issuer, string Namespace, string ServiceAccount, string Audience);

/// <summary>
/// The trust engine's verdict with its per-statement explanation lines. The explanation is worked out when first read:
/// the rules read it only for a denial, and explaining every statement of a role trusted by many clusters for every
/// binding that is admitted was most of what the assessment allocated.
/// </summary>
internal sealed class IrsaVerdict(bool allowed, Func<(string Summary, IReadOnlyList<string> Statements)> explain)
{
    private (string Summary, IReadOnlyList<string> Statements)? _explained;

    public bool Allowed { get; } = allowed;
    public string Summary => Explained.Summary;
    public IReadOnlyList<string> Statements => Explained.Statements;

    private (string Summary, IReadOnlyList<string> Statements) Explained => _explained ??= explain();
}

/// <summary>One association as Pod Identity presents it to STS: cluster ARN, namespace, ServiceAccount, tags or none.</summary>
internal sealed record PodIdentityQuery(string ClusterArn, string Namespace, string ServiceAccount, bool SessionTags)
{
    public static PodIdentityQuery For(Inventory.BindingKey key, bool sessionTags) => new(key.Cluster.Arn, key.Namespace, key.ServiceAccount, sessionTags);
}

/// <summary>
/// EKS assumes the source role, then the target role as the source role's session: sts:AssumeRole, plus sts:TagSession
/// with the session tags, or (disableSessionTags) an sts:ExternalId of region/account/cluster/namespace/ServiceAccount
/// (EKS user guide, pod-id-assign-target-role; DOMAIN.md "Cross-account").
/// </summary>
internal sealed record RoleChainQuery(string SourceRoleArn, PodIdentityQuery Association, string ExternalId)
{
    /// <summary>
    /// The chain request of one association: the source role asking for the target with the association's session tags,
    /// or with the external id EKS sets under disableSessionTags. The assessment's audit and the cleanup's live re-check
    /// both build it here, so they judge a chain the same way.
    /// </summary>
    public static RoleChainQuery For(string sourceRoleArn, Inventory.BindingKey key, bool sessionTags) =>
        new(sourceRoleArn, PodIdentityQuery.For(key, sessionTags), $"{key.Cluster.Region}/{key.Cluster.AccountId}/{key.Cluster.Name}/{key.Namespace}/{key.ServiceAccount}");
}

/// <summary>A trust engine verdict for a request other than IRSA, with its explanation, worked out when first read (as <see cref="IrsaVerdict"/>).</summary>
internal sealed class TrustVerdict(bool allowed, Func<string> explain)
{
    private string? _summary;

    public TrustVerdict(bool allowed, string summary)
        : this(allowed, () => summary)
    {
        _summary = summary;
    }

    public bool Allowed { get; } = allowed;
    public string Summary => _summary ??= explain();
}
