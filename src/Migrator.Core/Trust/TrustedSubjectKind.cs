namespace Migrator.Core.Trust;

public enum TrustedSubjectKind
{
    /// <summary>system:serviceaccount:NS:SA, exactly.</summary>
    ExactServiceAccount,
    /// <summary>system:serviceaccount:NS:* — every service account of one namespace.</summary>
    NamespaceWildcard,
    /// <summary>Any service account of the cluster (no :sub condition, or system:serviceaccount:*).</summary>
    AnyServiceAccount,
    /// <summary>Another pattern, e.g. system:serviceaccount:team-*:api or a negated operator.</summary>
    Pattern,
    /// <summary>An issuer that is not a Kubernetes cluster, e.g. GitHub Actions (token.actions.githubusercontent.com).</summary>
    NonKubernetes,
}
