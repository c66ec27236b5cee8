namespace Migrator.Sandbox.Conditions;

/// <summary>A cross-account role whose account has no IAM OIDC provider for the cluster's issuer.</summary>
internal sealed class OidcProviderMissing : CrossAccountRole
{
    public override SeededCondition Condition => SeededCondition.OidcProviderMissing;

    protected override bool ProviderPresent => false;
}
