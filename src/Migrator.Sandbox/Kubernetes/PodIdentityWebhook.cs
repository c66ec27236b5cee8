using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// The EKS pod identity webhook's mutation of a new pod (aws/amazon-eks-pod-identity-webhook pkg/handler/handler.go:
/// buildPodPatchConfig, getPodSpecPatch, addEnvToContainer). An association for the pod's ServiceAccount takes
/// precedence over the IRSA annotation and brings only the container-credential env plus the
/// <c>eks.amazonaws.com/pod-identity: enabled</c> label (DOMAIN.md "precedence"); env already written in the spec is
/// left alone. Pods on Fargate or Windows get nothing of Pod Identity (DOMAIN.md "NOT supported") and keep IRSA.
/// The webhook sees the estate as it was when the pod started: an annotation changed or an association created
/// after that is not reflected (the stale-env failure mode).
/// </summary>
public sealed class PodIdentityWebhook : IPodAdmission
{
    private const long DefaultTokenExpiration = 86400;
    private const long MinTokenExpiration = 600;
    private const string DefaultAudience = "sts.amazonaws.com";
    private const string SkipContainersAnnotation = "eks.amazonaws.com/skip-containers";

    public void Admit(Estate estate, Cluster cluster, Pod pod)
    {
        var started = pod.StartTime ?? pod.CreationTimestamp;
        var sa = cluster.FindServiceAccount(pod.Namespace, pod.ServiceAccountName);
        var annotations = sa is not null && !(sa.AnnotationsUpdatedAt > started)
            ? sa.Annotations
            : new Dictionary<string, string>();
        var association = cluster.FindAssociation(pod.Namespace, pod.ServiceAccountName);
        var hasAssociation = association is not null && !(association.CreatedAt > started);
        var node = pod.NodeName is null ? null : cluster.FindNode(pod.NodeName);
        var windows = pod.NodeSelector.TryGetValue(Node.OsLabel, out var os) && os == "windows"
            || pod.NodeSelector.TryGetValue("beta.kubernetes.io/os", out var beta) && beta == "windows"
            || node?.Os == NodeOs.Windows;
        var fargate = node?.ComputeType == ComputeType.Fargate
            || pod.NodeSelector.TryGetValue(Node.ComputeTypeLabel, out var compute) && compute == "fargate"
            || cluster.FargateProfiles.Any(f => f.Selects(pod.Namespace, pod.Labels));
        Mutate(pod, annotations, hasAssociation && !windows && !fargate, windows, cluster.Region);
    }

    /// <summary>Mutates <paramref name="pod"/> in place; returns whether anything changed.</summary>
    public static bool Mutate(Pod pod, IReadOnlyDictionary<string, string> saAnnotations, bool podIdentity, bool windows, string region)
    {
        var roleArn = saAnnotations.TryGetValue(ServiceAccount.RoleArnAnnotation, out var r) && r.Length > 0 ? r : null;
        if (!podIdentity && roleArn is null)
        {
            return false;
        }

        var regionalSts = saAnnotations.TryGetValue(ServiceAccount.StsRegionalEndpointsAnnotation, out var sts) && sts == "true";
        var expiration = TokenExpiration(saAnnotations, pod.Annotations);
        var config = podIdentity
            ? new PatchConfig(AwsCredentialEnv.PodIdentityVolumeName, AwsCredentialEnv.PodIdentityMountPath, AwsCredentialEnv.PodIdentityTokenPath,
                AwsCredentialEnv.PodIdentityAudience, expiration, regionalSts, null)
            : new PatchConfig(AwsCredentialEnv.IrsaVolumeName, AwsCredentialEnv.IrsaMountPath, AwsCredentialEnv.IrsaTokenPath,
                saAnnotations.TryGetValue(ServiceAccount.AudienceAnnotation, out var aud) && aud.Length > 0 ? aud : DefaultAudience,
                expiration, regionalSts, roleArn);

        var tokenFile = config.MountPath + "/" + config.TokenPath;
        if (windows)
        {
            // The webhook converts the path for Windows containers: C:\var\run\secrets\...
            tokenFile = "C:" + tokenFile.Replace('/', '\\');
        }

        var skip = pod.Annotations.TryGetValue(SkipContainersAnnotation, out var csv)
            ? csv.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : [];
        var changed = false;
        foreach (var container in pod.Containers.Where(c => !skip.Contains(c.Name)))
        {
            changed |= AddEnv(container, tokenFile, config, region);
        }

        if (!pod.Volumes.Any(v => v.Name == config.VolumeName))
        {
            pod.Volumes.Insert(0, new Volume
            {
                Name = config.VolumeName,
                ProjectedAudience = config.Audience,
                ProjectedPath = config.TokenPath,
                ExpirationSeconds = config.Expiration,
            });
            changed = true;
        }

        if (podIdentity)
        {
            pod.Labels[AwsCredentialEnv.PodIdentityLabel] = "enabled";
        }

        return changed;
    }

    private sealed record PatchConfig(string VolumeName, string MountPath, string TokenPath, string Audience, long Expiration, bool RegionalSts, string? RoleArn);

    private static bool AddEnv(Container container, string tokenFile, PatchConfig config, string region)
    {
        var names = container.Env.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var webIdentityDefined = names.Contains(AwsCredentialEnv.RoleArn) || names.Contains(AwsCredentialEnv.WebIdentityTokenFile);
        var containerCredsDefined = names.Contains(AwsCredentialEnv.ContainerCredentialsFullUri) || names.Contains(AwsCredentialEnv.ContainerAuthorizationTokenFile);
        var regionDefined = names.Contains(AwsCredentialEnv.Region) || names.Contains(AwsCredentialEnv.DefaultRegion);
        var stsDefined = names.Contains(AwsCredentialEnv.StsRegionalEndpoints);
        var credsDefined = config.RoleArn is null ? containerCredsDefined : webIdentityDefined;
        if (credsDefined && regionDefined && stsDefined)
        {
            return false;
        }

        var changed = false;
        if (!stsDefined && config.RegionalSts)
        {
            container.Env.Add(new EnvVar { Name = AwsCredentialEnv.StsRegionalEndpoints, Value = "regional" });
            changed = true;
        }

        if (!regionDefined && region.Length > 0)
        {
            container.Env.Add(new EnvVar { Name = AwsCredentialEnv.DefaultRegion, Value = region });
            container.Env.Add(new EnvVar { Name = AwsCredentialEnv.Region, Value = region });
            changed = true;
        }

        if (!credsDefined)
        {
            if (config.RoleArn is null)
            {
                container.Env.Add(new EnvVar { Name = AwsCredentialEnv.ContainerCredentialsFullUri, Value = AwsCredentialEnv.PodIdentityAgentUri });
                container.Env.Add(new EnvVar { Name = AwsCredentialEnv.ContainerAuthorizationTokenFile, Value = tokenFile });
            }
            else
            {
                container.Env.Add(new EnvVar { Name = AwsCredentialEnv.RoleArn, Value = config.RoleArn });
                container.Env.Add(new EnvVar { Name = AwsCredentialEnv.WebIdentityTokenFile, Value = tokenFile });
            }

            changed = true;
        }

        if (!container.VolumeMounts.Any(m => m.Name == config.VolumeName))
        {
            container.VolumeMounts.Add(new VolumeMount { Name = config.VolumeName, MountPath = config.MountPath, ReadOnly = true });
            changed = true;
        }

        return changed;
    }

    /// <summary>Pod annotation over SA annotation over the default; below the minimum is raised to it (pkg.ValidateMinTokenExpiration).</summary>
    private static long TokenExpiration(IReadOnlyDictionary<string, string> saAnnotations, IReadOnlyDictionary<string, string> podAnnotations)
    {
        var value = DefaultTokenExpiration;
        if (saAnnotations.TryGetValue(ServiceAccount.TokenExpirationAnnotation, out var sa) && long.TryParse(sa, out var saSeconds))
        {
            value = Math.Max(saSeconds, MinTokenExpiration);
        }

        if (podAnnotations.TryGetValue(ServiceAccount.TokenExpirationAnnotation, out var pod) && long.TryParse(pod, out var podSeconds))
        {
            value = Math.Max(podSeconds, MinTokenExpiration);
        }

        return value;
    }
}
