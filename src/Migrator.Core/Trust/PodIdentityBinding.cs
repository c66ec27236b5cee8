using System.Text.RegularExpressions;

namespace Migrator.Core.Trust;

/// <summary>A Pod Identity association to be trusted: cluster ARN, namespace and service account.</summary>
public sealed partial record PodIdentityBinding(string ClusterArn, string Namespace, string ServiceAccount)
{
    public string ClusterName => ClusterArn[(ClusterArn.LastIndexOf('/') + 1)..];

    /// <summary>Why the binding cannot be trusted as given, or null when it is well-formed.</summary>
    public string? Problem()
    {
        if (!ClusterArnPattern().IsMatch(ClusterArn))
            return $"cluster ARN \"{ClusterArn}\" is not of the form arn:PARTITION:eks:REGION:ACCOUNT:cluster/NAME";
        if (Namespace.Length == 0 || Namespace.Contains('*', StringComparison.Ordinal) || Namespace.Contains('?', StringComparison.Ordinal))
            return $"namespace \"{Namespace}\" must be a Kubernetes namespace name (no wildcards)";
        if (ServiceAccount.Length == 0 || ServiceAccount.Contains('*', StringComparison.Ordinal) || ServiceAccount.Contains('?', StringComparison.Ordinal))
            return $"service account \"{ServiceAccount}\" must be a Kubernetes service account name (no wildcards)";
        return null;
    }

    public PodIdentityRequest ToRequest() => new(ClusterArn, Namespace, ServiceAccount);

    public override string ToString() => $"{ClusterArn}/{Namespace}/{ServiceAccount}";

    [GeneratedRegex(@"^arn:aws[a-z-]*:eks:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex ClusterArnPattern();
}
