namespace Migrator.Core.Trust;

/// <summary>
/// A pod using IRSA calls STS AssumeRoleWithWebIdentity with its projected token: the principal is the IAM OIDC
/// provider arn:PARTITION:iam::ACCOUNT:oidc-provider/ISSUER, and the keys ISSUER:sub
/// (system:serviceaccount:NAMESPACE:SERVICEACCOUNT) and ISSUER:aud are set (EKS user guide, "Assign IAM roles to
/// Kubernetes service accounts"). <see cref="Issuer"/> is host/path; an https:// prefix is stripped.
/// </summary>
public sealed record IrsaRequest(string Partition, string ProviderAccount, string Issuer, string Namespace, string ServiceAccount, string Audience = "sts.amazonaws.com")
{
    public const string Action = "sts:AssumeRoleWithWebIdentity";

    public string NormalizedIssuer => Trust.Issuer.Normalize(Issuer);
    public string ProviderArn => Trust.Issuer.ProviderArn(Partition, ProviderAccount, Issuer);
    public string Subject => $"system:serviceaccount:{Namespace}:{ServiceAccount}";

    public TrustRequest ToTrustRequest() => new(
        "Federated",
        ProviderArn,
        Action,
        new RequestContext()
            .Set($"{NormalizedIssuer}:sub", Subject)
            .Set($"{NormalizedIssuer}:aud", Audience));
}
