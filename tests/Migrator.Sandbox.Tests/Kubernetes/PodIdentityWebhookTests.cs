using Migrator.Sandbox.Kubernetes;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>The webhook's mutation rules (aws/amazon-eks-pod-identity-webhook handler.go) on single pods.</summary>
public sealed class PodIdentityWebhookTests
{
    private const string Role = "arn:aws:iam::111122223333:role/app";

    [Fact]
    public void Irsa_injects_region_role_token_file_and_the_projected_volume()
    {
        var pod = Pod();

        var changed = PodIdentityWebhook.Mutate(pod, Annotations(("eks.amazonaws.com/audience", "custom"), ("eks.amazonaws.com/token-expiration", "100")), podIdentity: false, windows: false, "eu-west-1");

        Assert.True(changed);
        Assert.Equal(["AWS_DEFAULT_REGION", "AWS_REGION", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"], pod.Containers[0].Env.Select(e => e.Name));
        var volume = Assert.Single(pod.Volumes);
        Assert.Equal(("aws-iam-token", "custom", 600L, "token"), (volume.Name, volume.ProjectedAudience, volume.ExpirationSeconds!.Value, volume.ProjectedPath));
        Assert.Equal("/var/run/secrets/eks.amazonaws.com/serviceaccount", pod.Containers[0].VolumeMounts.Single().MountPath);
    }

    [Fact]
    public void Hard_coded_web_identity_env_is_left_alone()
    {
        var pod = Pod(new EnvVar { Name = "AWS_ROLE_ARN", Value = "arn:aws:iam::999999999999:role/pinned" });

        PodIdentityWebhook.Mutate(pod, Annotations(), podIdentity: false, windows: false, "eu-west-1");

        Assert.Equal("arn:aws:iam::999999999999:role/pinned", pod.Containers[0].Env.Single(e => e.Name == "AWS_ROLE_ARN").Value);
        Assert.DoesNotContain(pod.Containers[0].Env, e => e.Name == "AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    [Fact]
    public void Association_wins_over_the_annotation_and_labels_the_pod()
    {
        var pod = Pod();

        PodIdentityWebhook.Mutate(pod, Annotations(("eks.amazonaws.com/sts-regional-endpoints", "true")), podIdentity: true, windows: false, "eu-west-1");

        Assert.Equal(
            ["AWS_STS_REGIONAL_ENDPOINTS", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"],
            pod.Containers[0].Env.Select(e => e.Name));
        Assert.Equal("enabled", pod.Labels["eks.amazonaws.com/pod-identity"]);
        Assert.Equal("pods.eks.amazonaws.com", pod.Volumes.Single().ProjectedAudience);
    }

    [Fact]
    public void Skipped_containers_and_unannotated_service_accounts_are_not_mutated()
    {
        var skipped = Pod();
        skipped.Annotations["eks.amazonaws.com/skip-containers"] = "app";

        PodIdentityWebhook.Mutate(skipped, Annotations(), podIdentity: false, windows: false, "eu-west-1");
        var plain = Pod();
        var changed = PodIdentityWebhook.Mutate(plain, new Dictionary<string, string>(), podIdentity: false, windows: false, "eu-west-1");

        Assert.Empty(skipped.Containers[0].Env);
        Assert.False(changed);
        Assert.Empty(plain.Volumes);
    }

    [Fact]
    public async Task Pods_started_before_the_annotation_carry_no_irsa_env()
    {
        var estate = KubeEstate.Build();
        estate.Clusters[0].ServiceAccounts.Single(s => s.Name == "api").AnnotationsUpdatedAt = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

        await using var server = await SandboxServer.StartAsync(estate, new SandboxOptions(), CancellationToken.None);

        var pods = server.State.Read(e => e.Clusters[0].Pods.Where(p => p.ServiceAccountName == "api").ToList());
        Assert.NotEmpty(pods);
        Assert.All(pods, p => Assert.DoesNotContain(p.Containers.SelectMany(c => c.Env), e => e.Name == "AWS_ROLE_ARN"));
    }

    private static Pod Pod(params EnvVar[] env) => new()
    {
        Namespace = "ns",
        Name = "p",
        Containers = [new Container { Name = "app", Image = "app:1", Env = [.. env] }],
    };

    private static Dictionary<string, string> Annotations(params (string Key, string Value)[] extra)
    {
        var a = new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = Role };
        foreach (var (k, v) in extra)
        {
            a[k] = v;
        }

        return a;
    }
}
