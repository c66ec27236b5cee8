using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>The simulated Kubernetes API through the real KubernetesClient.</summary>
public sealed class KubernetesApiTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Lists_service_accounts_across_pages_with_limit_and_continue()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.CoreV1.ListServiceAccountForAllNamespacesAsync(limit: 2, continueParameter: token, cancellationToken: Ct);
            Assert.True(page.Items.Count <= 2);
            names.AddRange(page.Items.Select(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        var all = await client.CoreV1.ListServiceAccountForAllNamespacesAsync(cancellationToken: Ct);
        Assert.Equal(all.Items.Select(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"), names);
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Equal((names.Count + 1) / 2, pages);
        Assert.Contains("shop/api", names);
        Assert.Contains("paging/default", names);

        var inNamespace = await client.CoreV1.ListNamespacedServiceAccountAsync("paging", limit: 2, cancellationToken: Ct);
        Assert.Equal(["a", "b"], inNamespace.Items.Select(s => s.Metadata.Name));
        Assert.Equal(2, inNamespace.Metadata.RemainingItemCount);
    }

    [Fact]
    public async Task Patches_annotations_with_merge_strategic_and_json_patch()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var before = await client.CoreV1.ReadNamespacedServiceAccountAsync("api", "shop", cancellationToken: Ct);

        var merged = await client.CoreV1.PatchNamespacedServiceAccountAsync(
            new V1Patch("{\"metadata\":{\"annotations\":{\"eks.amazonaws.com/role-arn\":null,\"team\":\"payments\"}}}", V1Patch.PatchType.MergePatch), "api", "shop", cancellationToken: Ct);
        Assert.False(merged.Metadata.Annotations.ContainsKey("eks.amazonaws.com/role-arn"));
        Assert.Equal("payments", merged.Metadata.Annotations["team"]);
        Assert.Equal("true", merged.Metadata.Annotations["eks.amazonaws.com/sts-regional-endpoints"]);
        Assert.NotEqual(before.Metadata.ResourceVersion, merged.Metadata.ResourceVersion);

        var strategic = await client.CoreV1.PatchNamespacedServiceAccountAsync(
            new V1Patch("{\"metadata\":{\"annotations\":{\"eks.amazonaws.com/role-arn\":\"" + KubeEstate.WorkerRole + "\"}}}", V1Patch.PatchType.StrategicMergePatch), "api", "shop", cancellationToken: Ct);
        Assert.Equal(KubeEstate.WorkerRole, strategic.Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        Assert.Equal("payments", strategic.Metadata.Annotations["team"]);

        var json = await client.CoreV1.PatchNamespacedServiceAccountAsync(
            new V1Patch("[{\"op\":\"remove\",\"path\":\"/metadata/annotations/team\"},{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"tier\":\"web\"}}]", V1Patch.PatchType.JsonPatch), "api", "shop", cancellationToken: Ct);
        Assert.False(json.Metadata.Annotations.ContainsKey("team"));
        Assert.Equal("web", json.Metadata.Labels["tier"]);

        var reread = await client.CoreV1.ReadNamespacedServiceAccountAsync("api", "shop", cancellationToken: Ct);
        Assert.Equal(json.Metadata.ResourceVersion, reread.Metadata.ResourceVersion);
        Assert.Equal(KubeEstate.WorkerRole, server.State.Read(e => e.Clusters[0].FindServiceAccount("shop", "api")!.RoleArn));
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_a_409_conflict()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var sa = await client.CoreV1.ReadNamespacedServiceAccountAsync("worker", "shop", cancellationToken: Ct);
        var stale = sa.Metadata.ResourceVersion;

        sa.Metadata.Annotations["owner"] = "first";
        var updated = await client.CoreV1.ReplaceNamespacedServiceAccountAsync(sa, "worker", "shop", cancellationToken: Ct);
        Assert.Equal("first", updated.Metadata.Annotations["owner"]);

        sa.Metadata.ResourceVersion = stale;
        sa.Metadata.Annotations["owner"] = "second";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedServiceAccountAsync(sa, "worker", "shop", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\"", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains("the object has been modified", e.Response.Content, StringComparison.Ordinal);
        Assert.Equal("first", (await client.CoreV1.ReadNamespacedServiceAccountAsync("worker", "shop", cancellationToken: Ct)).Metadata.Annotations["owner"]);
    }

    [Fact]
    public async Task Missing_objects_answer_a_404_status()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedServiceAccountAsync("nope", "shop", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Contains("serviceaccounts \\\"nope\\\" not found", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_restart_moves_pods_to_pod_identity_once_associated_and_back_to_irsa_when_deleted()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var initial = await ApiPodsAsync(client);
        Assert.Equal(2, initial.Count);
        Assert.All(initial, p => Assert.Equal(KubeEstate.ApiRole, Env(p, "AWS_ROLE_ARN")));

        KubeEstate.Associate(server, "shop", "api", KubeEstate.ApiRole);
        var untouched = await ApiPodsAsync(client);
        Assert.Equal(initial.Select(p => p.Metadata.Name), untouched.Select(p => p.Metadata.Name));
        Assert.All(untouched, p => Assert.Null(Env(p, "AWS_CONTAINER_CREDENTIALS_FULL_URI")));

        await RestartAsync(client, "2026-11-28T10:00:00Z");
        var podIdentity = await ApiPodsAsync(client);
        Assert.Equal(2, podIdentity.Count);
        Assert.Empty(podIdentity.Select(p => p.Metadata.Name).Intersect(initial.Select(p => p.Metadata.Name)));
        Assert.All(podIdentity, p =>
        {
            Assert.Equal("http://169.254.170.23/v1/credentials", Env(p, "AWS_CONTAINER_CREDENTIALS_FULL_URI"));
            Assert.Equal("/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token", Env(p, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
            Assert.Null(Env(p, "AWS_ROLE_ARN"));
            Assert.Null(Env(p, "AWS_WEB_IDENTITY_TOKEN_FILE"));
            Assert.Equal("enabled", p.Metadata.Labels["eks.amazonaws.com/pod-identity"]);
            Assert.Contains(p.Spec.Volumes, v => v.Name == "eks-pod-identity-token" && v.Projected.Sources[0].ServiceAccountToken.Audience == "pods.eks.amazonaws.com");
        });

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("api", "shop", cancellationToken: Ct);
        Assert.Equal(2, deployment.Metadata.Generation);
        Assert.Equal(2, deployment.Status.ObservedGeneration);
        Assert.Equal(2, deployment.Status.UpdatedReplicas);
        Assert.Equal(2, deployment.Status.ReadyReplicas);
        Assert.Equal(2, deployment.Status.AvailableReplicas);
        Assert.Equal("2026-11-28T10:00:00Z", deployment.Spec.Template.Metadata.Annotations["kubectl.kubernetes.io/restartedAt"]);

        KubeEstate.Disassociate(server, "shop", "api");
        await RestartAsync(client, "2026-11-28T10:05:00Z");
        var irsa = await ApiPodsAsync(client);
        Assert.All(irsa, p =>
        {
            Assert.Equal(KubeEstate.ApiRole, Env(p, "AWS_ROLE_ARN"));
            Assert.Equal("/var/run/secrets/eks.amazonaws.com/serviceaccount/token", Env(p, "AWS_WEB_IDENTITY_TOKEN_FILE"));
            Assert.Equal("regional", Env(p, "AWS_STS_REGIONAL_ENDPOINTS"));
            Assert.Null(Env(p, "AWS_CONTAINER_CREDENTIALS_FULL_URI"));
            Assert.False(p.Metadata.Labels.ContainsKey("eks.amazonaws.com/pod-identity"));
        });
        Assert.Equal(3, (await client.AppsV1.ReadNamespacedDeploymentAsync("api", "shop", cancellationToken: Ct)).Status.ObservedGeneration);
    }

    [Fact]
    public async Task Fargate_and_windows_pods_never_get_pod_identity_env()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        KubeEstate.Associate(server, "serverless", "fn", KubeEstate.FargateRole);
        KubeEstate.Associate(server, "win", "legacy", KubeEstate.WindowsRole);

        foreach (var (ns, name, role) in new[] { ("serverless", "fn", KubeEstate.FargateRole), ("win", "legacy", KubeEstate.WindowsRole) })
        {
            await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"2026-11-28T10:00:00Z\"}}}}}",
                V1Patch.PatchType.StrategicMergePatch), name, ns, cancellationToken: Ct);
            var pods = (await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Ct)).Items;
            Assert.NotEmpty(pods);
            Assert.All(pods, p =>
            {
                Assert.Null(Env(p, "AWS_CONTAINER_CREDENTIALS_FULL_URI"));
                Assert.Equal(role, Env(p, "AWS_ROLE_ARN"));
                Assert.False(p.Metadata.Labels?.ContainsKey("eks.amazonaws.com/pod-identity") ?? false);
            });
        }

        var windowsPod = (await client.CoreV1.ListNamespacedPodAsync("win", cancellationToken: Ct)).Items[0];
        Assert.Equal(@"C:\var\run\secrets\eks.amazonaws.com\serviceaccount\token", Env(windowsPod, "AWS_WEB_IDENTITY_TOKEN_FILE"));
        var fargateNode = await client.CoreV1.ReadNodeAsync((await client.CoreV1.ListNamespacedPodAsync("serverless", cancellationToken: Ct)).Items[0].Spec.NodeName, cancellationToken: Ct);
        Assert.Equal("fargate", fargateNode.Metadata.Labels["eks.amazonaws.com/compute-type"]);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_get_401()
    {
        await using var server = await KubeEstate.StartAsync();
        using var anonymous = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = KubeEstate.ClusterUrl(server) + "/" });
        using var wrong = KubeEstate.Client(server, "sandbox-not-a-token");

        var none = await Assert.ThrowsAsync<HttpOperationException>(() => anonymous.CoreV1.ListNamespaceAsync(cancellationToken: Ct));
        var bad = await Assert.ThrowsAsync<HttpOperationException>(() => wrong.CoreV1.ListNamespaceAsync(cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, none.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.Response.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", bad.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_calls_answer_429_with_retry_after()
    {
        var options = new SandboxOptions { Realism = new RealismOptions { RateLimitPerSecond = 0.001, Burst = 1 } };
        await using var server = await KubeEstate.StartAsync(options);
        using var client = KubeEstate.Client(server);

        await client.CoreV1.ListNamespaceAsync(cancellationToken: Ct);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync(cancellationToken: Ct));

        Assert.Equal((HttpStatusCode)429, e.Response.StatusCode);
        Assert.True(e.Response.Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.True(int.Parse(retryAfter.Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(1, server.Counters.Snapshot().Throttled["kubernetes"]["list namespaces"]);
    }

    [Fact]
    public async Task Pods_filter_by_service_account_field_selector_and_label_selector()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var bySa = await client.CoreV1.ListNamespacedPodAsync("shop", fieldSelector: "spec.serviceAccountName=worker", cancellationToken: Ct);
        var byLabel = await client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: "app in (api,db)", cancellationToken: Ct);

        Assert.NotEmpty(bySa.Items);
        Assert.All(bySa.Items, p => Assert.Equal("worker", p.Spec.ServiceAccountName));
        Assert.Equal(4, byLabel.Items.Count);
    }

    [Fact]
    public async Task Discovery_documents_describe_the_served_resources()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var version = await client.Version.GetCodeAsync(Ct);
        var core = await client.CoreV1.GetAPIResourcesAsync(Ct);
        var apps = await client.AppsV1.GetAPIResourcesAsync(Ct);
        var batch = await client.BatchV1.GetAPIResourcesAsync(Ct);

        Assert.Equal("1", version.Major);
        Assert.Contains(core.Resources, r => r.Name == "serviceaccounts" && r.Verbs.Contains("patch") && r.Namespaced);
        Assert.Contains(apps.Resources, r => r.Name == "deployments" && r.Kind == "Deployment");
        Assert.Contains(batch.Resources, r => r.Name == "cronjobs");
    }

    [Fact]
    public async Task Serves_tables_when_kubectl_asks_for_them()
    {
        await using var server = await KubeEstate.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, KubeEstate.ClusterUrl(server) + "/apis/apps/v1/namespaces/shop/deployments");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KubeEstate.Token(server));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        using var response = await http.SendAsync(request, Ct);
        var table = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images"],
            table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var api = table["rows"]!.AsArray().Single(r => r!["cells"]![0]!.GetValue<string>() == "api")!;
        Assert.Equal("2/2", api["cells"]![1]!.GetValue<string>());
        Assert.Equal("Deployment", api["object"]!["kind"]!.GetValue<string>());
    }

    private static async Task RestartAsync(IKubernetes client, string at) =>
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"" + at + "\"}}}}}",
            V1Patch.PatchType.StrategicMergePatch), "api", "shop", cancellationToken: Ct);

    private static async Task<List<V1Pod>> ApiPodsAsync(IKubernetes client) =>
        (await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=api", cancellationToken: Ct)).Items.ToList();

    private static string? Env(V1Pod pod, string name) =>
        pod.Spec.Containers.SelectMany(c => c.Env ?? []).FirstOrDefault(e => e.Name == name)?.Value;
}
