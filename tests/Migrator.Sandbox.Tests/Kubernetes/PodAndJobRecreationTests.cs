using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>
/// Creating and deleting pods and Jobs through the real KubernetesClient, as an operator recreates what no controller
/// restarts: admission by the Pod Identity webhook, AlreadyExists, NotFound, generateName, propagation, the state file.
/// </summary>
public sealed class PodAndJobRecreationTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("migrator-recreate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static V1Pod Pod(string name, string serviceAccount, string? generateName = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, GenerateName = generateName, Labels = new Dictionary<string, string> { ["app"] = "debug" } },
        Spec = new V1PodSpec
        {
            ServiceAccountName = serviceAccount,
            Containers = [new V1Container { Name = "debug", Image = "busybox:1.36", Env = [new V1EnvVar { Name = "LOG_LEVEL", Value = "info" }] }],
        },
    };

    private static V1Job Job(string name, string serviceAccount, V1OwnerReference? owner = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owner is null ? null : [owner] },
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { ServiceAccountName = serviceAccount, RestartPolicy = "OnFailure", Containers = [new V1Container { Name = "migrate", Image = "shop/migrate:7" }] },
            },
        },
    };

    /// <summary>An association as CreatePodIdentityAssociation leaves it (a valid id: the state file is loaded back).</summary>
    private static void Associate(SandboxServer server, string ns, string sa, string roleArn) =>
        server.State.Write(e => e.Clusters.Single().PodIdentityAssociations.Add(new PodIdentityAssociation
        {
            AssociationId = "a-" + StableId.FromAlphabet($"{ns}/{sa}", 17, "abcdefghijklmnopqrstuvwxyz0123456789"),
            Namespace = ns,
            ServiceAccount = sa,
            RoleArn = roleArn,
            CreatedAt = server.Context.Time.GetUtcNow(),
        }));

    private static Dictionary<string, string> Env(V1Pod pod) => pod.Spec.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value ?? "");

    [Fact]
    public async Task Created_pod_of_an_associated_service_account_is_admitted_with_pod_identity_env_and_saved()
    {
        var stateFile = Path.Combine(_dir, "estate.json");
        await using var server = await KubeEstate.StartAsync(new SandboxOptions { StateFile = stateFile });
        using var client = KubeEstate.Client(server);
        Associate(server, "shop", "api", KubeEstate.ApiRole);

        using var response = await client.CoreV1.CreateNamespacedPodWithHttpMessagesAsync(Pod("debug-2", "api"), "shop", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Created, response.Response.StatusCode);
        var created = response.Body;
        var env = Env(created);
        Assert.Equal("http://169.254.170.23/v1/credentials", env["AWS_CONTAINER_CREDENTIALS_FULL_URI"]);
        Assert.Equal("/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token", env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"]);
        Assert.False(env.ContainsKey("AWS_ROLE_ARN"));
        Assert.Equal("info", env["LOG_LEVEL"]);
        Assert.Equal("enabled", created.Metadata.Labels["eks.amazonaws.com/pod-identity"]);
        Assert.Equal("eks-pod-identity-token", created.Spec.Volumes.Single().Name);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(server.Context.Time.GetUtcNow().UtcDateTime, created.Metadata.CreationTimestamp!.Value, TimeSpan.FromSeconds(2));
        Assert.NotNull(created.Spec.NodeName);
        Assert.Equal("Running", created.Status.Phase);

        var read = await client.CoreV1.ReadNamespacedPodAsync("debug-2", "shop", cancellationToken: Ct);
        Assert.Equal((created.Metadata.Uid, created.Metadata.ResourceVersion), (read.Metadata.Uid, read.Metadata.ResourceVersion));
        var saved = EstateFile.Load(stateFile).Clusters.Single().Pods.Single(p => p.Namespace == "shop" && p.Name == "debug-2");
        Assert.Contains(saved.Containers.Single().Env, e => e.Name == "AWS_CONTAINER_CREDENTIALS_FULL_URI");
        Assert.Equal(1, server.Counters.Calls(SandboxService.Kubernetes, "create pods"));
    }

    [Fact]
    public async Task Created_pod_of_an_annotated_service_account_without_association_gets_irsa_env()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var created = await client.CoreV1.CreateNamespacedPodAsync(Pod("worker-debug", "worker"), "shop", cancellationToken: Ct);

        var env = Env(created);
        Assert.Equal(KubeEstate.WorkerRole, env["AWS_ROLE_ARN"]);
        Assert.Equal("/var/run/secrets/eks.amazonaws.com/serviceaccount/token", env["AWS_WEB_IDENTITY_TOKEN_FILE"]);
        Assert.False(env.ContainsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        Assert.False(created.Metadata.Labels.ContainsKey("eks.amazonaws.com/pod-identity"));
    }

    [Fact]
    public async Task Creating_a_pod_that_exists_is_a_409_already_exists_and_leaves_it_alone()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var before = await client.CoreV1.ReadNamespacedPodAsync("debug", "shop", cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedPodAsync(Pod("debug", "api"), "shop", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        var status = JsonNode.Parse(e.Response.Content)!;
        Assert.Equal(("Failure", "AlreadyExists", "pods \"debug\" already exists", 409), (status["status"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["message"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
        Assert.Equal("debug", status["details"]!["name"]!.GetValue<string>());
        var after = await client.CoreV1.ReadNamespacedPodAsync("debug", "shop", cancellationToken: Ct);
        Assert.Equal((before.Metadata.Uid, before.Metadata.ResourceVersion), (after.Metadata.Uid, after.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Deleting_a_pod_that_does_not_exist_is_a_404_not_found()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.DeleteNamespacedPodAsync("nowhere", "shop", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        var status = JsonNode.Parse(e.Response.Content)!;
        Assert.Equal(("NotFound", "pods \"nowhere\" not found"), (status["reason"]!.GetValue<string>(), status["message"]!.GetValue<string>()));
        var job = await Assert.ThrowsAsync<HttpOperationException>(() => client.BatchV1.DeleteNamespacedJobAsync("nowhere", "shop", cancellationToken: Ct));
        Assert.Equal("jobs.batch \"nowhere\" not found", JsonNode.Parse(job.Response.Content)!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bare_pod_deleted_and_created_again_runs_on_pod_identity_once_associated()
    {
        var stateFile = Path.Combine(_dir, "estate.json");
        await using var server = await KubeEstate.StartAsync(new SandboxOptions { StateFile = stateFile });
        using var client = KubeEstate.Client(server);
        var old = await client.CoreV1.ReadNamespacedPodAsync("debug", "shop", cancellationToken: Ct);
        Assert.True(Env(old).ContainsKey("AWS_ROLE_ARN"));
        Associate(server, "shop", "api", KubeEstate.ApiRole);

        var deleted = await client.CoreV1.DeleteNamespacedPodAsync("debug", "shop", cancellationToken: Ct);
        Assert.Equal(old.Metadata.Uid, deleted.Metadata.Uid);
        Assert.NotNull(deleted.Metadata.DeletionTimestamp);
        Assert.DoesNotContain((await client.CoreV1.ListNamespacedPodAsync("shop", cancellationToken: Ct)).Items, p => p.Metadata.Name == "debug");
        Assert.DoesNotContain(EstateFile.Load(stateFile).Clusters.Single().Workloads, w => w.Kind == WorkloadKind.Pod && w.Name == "debug");

        var recreated = await client.CoreV1.CreateNamespacedPodAsync(Pod("debug", "api"), "shop", cancellationToken: Ct);

        Assert.NotEqual(old.Metadata.Uid, recreated.Metadata.Uid);
        Assert.True(Env(recreated).ContainsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        Assert.False(Env(recreated).ContainsKey("AWS_ROLE_ARN"));
        Assert.True(long.Parse(recreated.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(old.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
        // A restarted sandbox loads the recreated pod as it is: the bare pod is not materialised a second time.
        var reloaded = EstateFile.Load(stateFile).Clusters.Single().Pods.Where(p => p.Namespace == "shop" && p.Name == "debug").ToList();
        Assert.Equal(recreated.Metadata.Uid, Assert.Single(reloaded).Uid);
        Assert.Equal(1, server.Counters.Calls(SandboxService.Kubernetes, "delete pods"));
    }

    [Fact]
    public async Task A_generated_name_is_the_prefix_and_five_characters_and_validation_names_the_field()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);

        var first = await client.CoreV1.CreateNamespacedPodAsync(Pod(null!, "plain", generateName: "debug-"), "shop", cancellationToken: Ct);
        var second = await client.CoreV1.CreateNamespacedPodAsync(Pod(null!, "plain", generateName: "debug-"), "shop", cancellationToken: Ct);

        Assert.Matches("^debug-[bcdfghjklmnpqrstvwxz2456789]{5}$", first.Metadata.Name);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
        var unnamed = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedPodAsync(Pod(null!, "plain"), "shop", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unnamed.Response.StatusCode);
        Assert.Contains("name or generateName is required", unnamed.Response.Content, StringComparison.Ordinal);
        var noSa = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedPodAsync(Pod("x", "ghost"), "shop", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Forbidden, noSa.Response.StatusCode);
        Assert.Contains("serviceaccount \\\"ghost\\\" not found", noSa.Response.Content, StringComparison.Ordinal);
        var noNs = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedPodAsync(Pod("x", "default"), "nowhere", cancellationToken: Ct));
        Assert.Contains("namespaces \\\"nowhere\\\" not found", noNs.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_deployment_pod_lets_its_replicaset_replace_it_with_a_newly_admitted_pod()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var before = (await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=api", cancellationToken: Ct)).Items;
        Associate(server, "shop", "api", KubeEstate.ApiRole);

        await client.CoreV1.DeleteNamespacedPodAsync(before[0].Metadata.Name, "shop", cancellationToken: Ct);

        var after = (await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=api", cancellationToken: Ct)).Items;
        Assert.Equal(before.Count, after.Count);
        var replacement = Assert.Single(after, p => before.All(b => b.Metadata.Name != p.Metadata.Name));
        Assert.Equal(before[0].Metadata.OwnerReferences.Single().Name, replacement.Metadata.OwnerReferences.Single().Name);
        Assert.True(Env(replacement).ContainsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
    }

    [Fact]
    public async Task Deleting_a_job_in_the_background_deletes_its_pods_and_a_created_job_runs_admitted_pods()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var job = await client.BatchV1.ReadNamespacedJobAsync("migrate", "shop", cancellationToken: Ct);
        Assert.NotEmpty((await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=migrate", cancellationToken: Ct)).Items);
        Associate(server, "shop", "worker", KubeEstate.WorkerRole);

        var status = await client.BatchV1.DeleteNamespacedJobAsync("migrate", "shop", propagationPolicy: "Background", cancellationToken: Ct);

        Assert.Equal(("Success", "migrate", job.Metadata.Uid), (status.Status, status.Details.Name, status.Details.Uid));
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=migrate", cancellationToken: Ct)).Items);
        Assert.DoesNotContain((await client.BatchV1.ListNamespacedJobAsync("shop", cancellationToken: Ct)).Items, j => j.Metadata.Name == "migrate");

        using var created = await client.BatchV1.CreateNamespacedJobWithHttpMessagesAsync(Job("migrate", "worker"), "shop", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Created, created.Response.StatusCode);
        Assert.NotEqual(job.Metadata.Uid, created.Body.Metadata.Uid);
        var pod = Assert.Single((await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=migrate", cancellationToken: Ct)).Items);
        Assert.Equal(("Job", "migrate", created.Body.Metadata.Uid), (pod.Metadata.OwnerReferences.Single().Kind, pod.Metadata.OwnerReferences.Single().Name, pod.Metadata.OwnerReferences.Single().Uid));
        Assert.True(Env(pod).ContainsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        var again = await Assert.ThrowsAsync<HttpOperationException>(() => client.BatchV1.CreateNamespacedJobAsync(Job("migrate", "worker"), "shop", cancellationToken: Ct));
        Assert.Equal("AlreadyExists", JsonNode.Parse(again.Response.Content)!["reason"]!.GetValue<string>());
        Assert.Equal(1, server.Counters.Calls(SandboxService.Kubernetes, "delete jobs"));
        Assert.Equal(2, server.Counters.Calls(SandboxService.Kubernetes, "create jobs"));
    }

    [Fact]
    public async Task Deleting_a_job_without_a_policy_orphans_its_pods_and_foreground_answers_with_the_finalizer()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var pods = (await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=migrate", cancellationToken: Ct)).Items;

        await client.BatchV1.DeleteNamespacedJobAsync("migrate", "shop", cancellationToken: Ct);

        var orphans = (await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=migrate", cancellationToken: Ct)).Items;
        Assert.Equal(pods.Select(p => p.Metadata.Uid), orphans.Select(p => p.Metadata.Uid));
        Assert.All(orphans, p => Assert.Empty(p.Metadata.OwnerReferences ?? []));

        await client.BatchV1.CreateNamespacedJobAsync(Job("again", "worker"), "shop", cancellationToken: Ct);
        // DeleteOptions in the body, as kubectl sends them; the answer is the Job itself, held by its foregroundDeletion finalizer.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, KubeEstate.ClusterUrl(server) + "/apis/batch/v1/namespaces/shop/jobs/again")
        {
            Content = new StringContent("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Foreground\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KubeEstate.Token(server));
        using var foreground = await http.SendAsync(request, Ct);
        var answer = JsonNode.Parse(await foreground.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal((HttpStatusCode.OK, "Job", "foregroundDeletion"), (foreground.StatusCode, answer["kind"]!.GetValue<string>(), answer["metadata"]!["finalizers"]![0]!.GetValue<string>()));
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=again", cancellationToken: Ct)).Items);
        var bad = await Assert.ThrowsAsync<HttpOperationException>(() => client.BatchV1.DeleteNamespacedJobAsync("report", "shop", propagationPolicy: "Sideways", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Response.StatusCode);
        Assert.Contains("supported values", bad.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cronjob_run_deleted_goes_with_its_pods_and_a_run_created_from_the_cronjob_is_owned_by_it()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var cron = await client.BatchV1.ReadNamespacedCronJobAsync("report", "shop", cancellationToken: Ct);
        var run = Assert.Single((await client.BatchV1.ListNamespacedJobAsync("shop", cancellationToken: Ct)).Items, j => j.Metadata.OwnerReferences?.Any(o => o.Kind == "CronJob") == true);
        Associate(server, "shop", "worker", KubeEstate.WorkerRole);

        await client.BatchV1.DeleteNamespacedJobAsync(run.Metadata.Name, "shop", propagationPolicy: "Background", cancellationToken: Ct);
        // What 'kubectl create job --from=cronjob/report' sends: the CronJob's job template, owned by the CronJob.
        var manual = Job("report-manual-1", "worker", new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = "report", Uid = cron.Metadata.Uid, BlockOwnerDeletion = true, Controller = true });
        await client.BatchV1.CreateNamespacedJobAsync(manual, "shop", cancellationToken: Ct);

        var jobs = (await client.BatchV1.ListNamespacedJobAsync("shop", cancellationToken: Ct)).Items;
        Assert.DoesNotContain(jobs, j => j.Metadata.Name == run.Metadata.Name);
        var created = Assert.Single(jobs, j => j.Metadata.Name == "report-manual-1");
        Assert.Equal(("CronJob", "report"), (created.Metadata.OwnerReferences.Single().Kind, created.Metadata.OwnerReferences.Single().Name));
        var pod = Assert.Single((await client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=report-manual-1", cancellationToken: Ct)).Items);
        Assert.True(Env(pod).ContainsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
    }

    [Fact]
    public async Task A_deleted_cronjob_run_stays_deleted_when_the_sandbox_loads_its_saved_state()
    {
        var stateFile = Path.Combine(_dir, "estate.json");
        string runName;
        await using (var server = await KubeEstate.StartAsync(new SandboxOptions { StateFile = stateFile }))
        {
            using var client = KubeEstate.Client(server);
            runName = Assert.Single((await client.BatchV1.ListNamespacedJobAsync("shop", cancellationToken: Ct)).Items, j => j.Metadata.OwnerReferences?.Any(o => o.Kind == "CronJob") == true).Metadata.Name;
            await client.BatchV1.DeleteNamespacedJobAsync(runName, "shop", propagationPolicy: "Background", cancellationToken: Ct);
        }

        await using var reloaded = await SandboxServer.StartAsync(EstateFile.Load(stateFile), new SandboxOptions(), CancellationToken.None);
        using var again = KubeEstate.Client(reloaded);

        Assert.DoesNotContain((await again.BatchV1.ListNamespacedJobAsync("shop", cancellationToken: Ct)).Items, j => j.Metadata.Name == runName);
        Assert.DoesNotContain((await again.CoreV1.ListNamespacedPodAsync("shop", cancellationToken: Ct)).Items, p => p.Metadata.Name.StartsWith(runName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_create_answers_the_admitted_pod_and_changes_nothing()
    {
        await using var server = await KubeEstate.StartAsync();
        using var client = KubeEstate.Client(server);
        var version = server.State.Read(e => e.Clusters.Single().LastResourceVersion);

        var answer = await client.CoreV1.CreateNamespacedPodAsync(Pod("dry", "api"), "shop", dryRun: "All", cancellationToken: Ct);
        var job = await client.BatchV1.CreateNamespacedJobAsync(Job("dry-job", "worker"), "shop", dryRun: "All", cancellationToken: Ct);

        Assert.Equal(KubeEstate.ApiRole, Env(answer)["AWS_ROLE_ARN"]);
        Assert.Equal("dry-job", job.Metadata.Name);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedPodAsync("dry", "shop", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.DoesNotContain((await client.CoreV1.ListNamespacedPodAsync("shop", cancellationToken: Ct)).Items, p => p.Metadata.Name.StartsWith("dry", StringComparison.Ordinal));
        Assert.Equal(version, server.State.Read(x => x.Clusters.Single().LastResourceVersion));
    }
}
