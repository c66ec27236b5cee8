using k8s.Models;
using Migrator.Core.Inventory;

namespace Migrator.Kubernetes.Mapping;

/// <summary>Which AWS credentials a pod's containers carry, and whether the webhook or a person wrote them.</summary>
public static class CredentialEnvReader
{
    /// <summary>
    /// Decides in the order the AWS SDKs' default chain does: static keys, then web identity, then container
    /// credentials. Env counts as injected only when the webhook's projected token volume is there too; the same
    /// env without that volume was written by hand (DOMAIN.md "precedence": hard-coded web identity still wins).
    /// </summary>
    public static (CredentialMode Mode, string? InjectedRoleArn) Read(V1PodSpec? spec)
    {
        var env = Containers(spec).SelectMany(c => c.Env ?? []).ToList();
        var volumes = (spec?.Volumes ?? []).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        bool Has(string name) => env.Any(e => e.Name == name);

        if (Has(AwsCredentialEnv.AccessKeyId) || Has(AwsCredentialEnv.SecretAccessKey))
        {
            return (CredentialMode.HardCoded, null);
        }

        if (Has(AwsCredentialEnv.RoleArn) && Has(AwsCredentialEnv.WebIdentityTokenFile))
        {
            return volumes.Contains(AwsCredentialEnv.IrsaVolumeName)
                ? (CredentialMode.Irsa, env.First(e => e.Name == AwsCredentialEnv.RoleArn).Value)
                : (CredentialMode.HardCoded, null);
        }

        if (Has(AwsCredentialEnv.ContainerCredentialsFullUri))
        {
            return volumes.Contains(AwsCredentialEnv.PodIdentityVolumeName) && Has(AwsCredentialEnv.ContainerAuthorizationTokenFile)
                ? (CredentialMode.PodIdentity, null)
                : (CredentialMode.HardCoded, null);
        }

        return (CredentialMode.None, null);
    }

    /// <summary>AWS credential env names written into a template (containers and init containers), in first-seen order.</summary>
    public static IReadOnlyList<string> HardCodedNames(V1PodSpec? spec) =>
        Containers(spec)
            .SelectMany(c => c.Env ?? [])
            .Select(e => e.Name)
            .Where(AwsCredentialEnv.HardCodable.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Like <see cref="HardCodedNames"/> for a running pod, leaving out what the webhook injected (its token volume
    /// is the mark), so a bare pod's own env is told apart from the mutation.
    /// </summary>
    public static IReadOnlyList<string> HardCodedNamesOfPod(V1PodSpec? spec)
    {
        var volumes = (spec?.Volumes ?? []).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var injected = new HashSet<string>(StringComparer.Ordinal);
        if (volumes.Contains(AwsCredentialEnv.IrsaVolumeName))
        {
            injected.UnionWith([AwsCredentialEnv.RoleArn, AwsCredentialEnv.WebIdentityTokenFile]);
        }

        if (volumes.Contains(AwsCredentialEnv.PodIdentityVolumeName))
        {
            injected.UnionWith([AwsCredentialEnv.ContainerCredentialsFullUri, AwsCredentialEnv.ContainerAuthorizationTokenFile]);
        }

        return HardCodedNames(spec).Where(n => !injected.Contains(n)).ToList();
    }

    public static IReadOnlyList<string> Images(V1PodSpec? spec) =>
        Containers(spec).Select(c => c.Image).Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<V1Container> Containers(V1PodSpec? spec) =>
        (spec?.InitContainers ?? []).Concat(spec?.Containers ?? []);
}
