namespace Migrator.Core.Inventory;

/// <summary>Which AWS credential wiring a running pod actually carries, read from its env.</summary>
public enum CredentialMode
{
    /// <summary>No AWS credential env at all (falls back to the node role).</summary>
    None = 0,
    /// <summary>AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE injected by the webhook.</summary>
    Irsa,
    /// <summary>AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE.</summary>
    PodIdentity,
    /// <summary>Static keys or web-identity env written into the pod spec by hand.</summary>
    HardCoded,
}
