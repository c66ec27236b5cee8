namespace Migrator.Sandbox;

/// <summary>An AWS account: its partition and regions, its IAM roles and OIDC providers, the operator principal.</summary>
public sealed class Account
{
    public required string Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>aws, aws-cn or aws-us-gov. Derived from the regions when omitted.</summary>
    public string Partition { get; set; } = "aws";
    public List<string> Regions { get; set; } = [];
    /// <summary>ARN of the principal the tool's credentials stand for in this account (e.g. an IAM user or role).</summary>
    public string? OperatorPrincipal { get; set; }
    /// <summary>Name of the role the operator assumes into this account (sts:AssumeRole), e.g. MigratorAccess.</summary>
    public string? AccessRoleName { get; set; }
    public List<IamRole> Roles { get; set; } = [];
    public List<OidcProvider> OidcProviders { get; set; } = [];

    public IamRole? FindRole(string name) => Roles.Find(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The provider for an issuer (host/path, scheme optional), as IAM matches it.</summary>
    public OidcProvider? FindOidcProvider(string issuer)
    {
        var url = OidcProvider.NormalizeUrl(issuer);
        return OidcProviders.Find(p => OidcProvider.NormalizeUrl(p.Url) == url);
    }

    public string RoleArn(IamRole role) => $"arn:{Partition}:iam::{Id}:role{role.Path}{role.Name}";
    public string OidcProviderArn(OidcProvider provider) => $"arn:{Partition}:iam::{Id}:oidc-provider/{OidcProvider.NormalizeUrl(provider.Url)}";
    [System.Text.Json.Serialization.JsonIgnore]
    public string RootArn => $"arn:{Partition}:iam::{Id}:root";
}
