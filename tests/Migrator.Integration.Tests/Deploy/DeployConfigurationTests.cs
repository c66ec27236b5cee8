using System.Diagnostics;
using System.Text.Json;
using k8s;
using k8s.Models;
using Migrator.Cli;
using Migrator.Integration.Tests.Cli;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Deploy;

/// <summary>
/// deploy/ is a kustomize base with overlays: each renders with `kubectl kustomize`, the worker it describes is
/// probed over HTTP (no exec), writes only to its volume, and the configuration in its ConfigMap is one Migrator accepts.
/// </summary>
public sealed class DeployConfigurationTests
{
    public static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Migrator.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Migrator.sln not found above the test binaries"), relative);
    }

    /// <summary>`kubectl kustomize FOLDER` (kubectl from Debian's kubernetes-client; .ci/run installs it) as typed objects.</summary>
    public static async Task<List<object>> RenderAsync(string folder)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "kustomize", RepoFile(folder) })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(deadline.Token);
        Assert.True(p.ExitCode == 0, $"kubectl kustomize {folder} failed ({p.ExitCode}):\n{await error}");
        return KubernetesYaml.LoadAllFromString(await output);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("deploy/base")]
    [InlineData("deploy/overlays/example")]
    public async Task Each_kustomization_renders_a_worker_probed_over_http_that_writes_only_to_its_volume(string folder)
    {
        var objects = await RenderAsync(folder);
        var deployment = Assert.Single(objects.OfType<V1Deployment>());
        Assert.Equal("migrator", deployment.Metadata.NamespaceProperty);
        Assert.Equal(1, deployment.Spec.Replicas);
        var pod = deployment.Spec.Template.Spec;
        Assert.Equal(10001, pod.SecurityContext.RunAsUser);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        var worker = Assert.Single(pod.Containers);
        Assert.True(worker.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(worker.SecurityContext.AllowPrivilegeEscalation);

        // Probes are HTTP GETs on the port the worker serves: nothing runs inside the image.
        var port = Assert.Single(worker.Ports);
        foreach (var (probe, path) in new[] { (worker.LivenessProbe, "/healthz"), (worker.ReadinessProbe, "/readyz"), (worker.StartupProbe, "/readyz") })
        {
            Assert.NotNull(probe);
            Assert.Null(probe.Exec);
            Assert.Equal(path, probe.HttpGet.Path);
            Assert.Equal(port.Name, probe.HttpGet.Port.Value);
        }

        // The ConfigMap the pod mounts holds the configuration the worker is started with.
        var configVolume = pod.Volumes.Single(v => v.ConfigMap is not null);
        var configMap = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == configVolume.ConfigMap.Name);
        var mount = worker.VolumeMounts.Single(m => m.Name == configVolume.Name);
        Assert.Equal(["worker", "--config", $"{mount.MountPath}/appsettings.json"], worker.Args);
        using var settings = JsonDocument.Parse(configMap.Data["appsettings.json"]);
        var root = settings.RootElement;
        Assert.Equal(port.ContainerPort, root.GetProperty("Worker").GetProperty("Http").GetProperty("Port").GetInt32());

        // Everything the worker writes is on the state volume (the root filesystem is read-only).
        var stateMount = worker.VolumeMounts.Single(m => pod.Volumes.Single(v => v.Name == m.Name).PersistentVolumeClaim is not null).MountPath;
        foreach (var written in new[] { root.GetProperty("Storage").GetProperty("Path"), root.GetProperty("Reports").GetProperty("OutputPath"), root.GetProperty("Execution").GetProperty("ChangeSetDirectory") })
            Assert.StartsWith(stateMount + "/", written.GetString(), StringComparison.Ordinal);
        Assert.False(root.GetProperty("Reports").TryGetProperty("OutputDirectory", out _), "the reports key is Reports:OutputPath");
        var tmp = worker.VolumeMounts.Single(m => m.MountPath == "/tmp");
        Assert.NotNull(pod.Volumes.Single(v => v.Name == tmp.Name).EmptyDir);
        Assert.StartsWith("/tmp/", root.GetProperty("Worker").GetProperty("LivenessFile").GetString(), StringComparison.Ordinal);

        var service = Assert.Single(objects.OfType<V1Service>());
        Assert.Equal(port.Name, service.Spec.Ports.Single().TargetPort.Value);
    }

    [Fact]
    public async Task The_example_overlay_sets_the_image_the_accounts_with_external_ids_and_change_windows()
    {
        var objects = await RenderAsync("deploy/overlays/example");
        var worker = objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers.Single();
        Assert.Equal("111122223333.dkr.ecr.eu-west-1.amazonaws.com/migrator:1.4.0", worker.Image);
        using var settings = JsonDocument.Parse(objects.OfType<V1ConfigMap>().Single().Data["appsettings.json"]);
        var accounts = settings.RootElement.GetProperty("Aws").GetProperty("Accounts").EnumerateArray().ToList();
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("ExternalId").GetString())));
        Assert.Equal(2, settings.RootElement.GetProperty("Execution").GetProperty("ChangeWindows").GetArrayLength());
    }

    [Theory]
    [InlineData("deploy/base")]
    [InlineData("deploy/overlays/example")]
    public async Task The_rendered_configuration_validates(string folder)
    {
        using var dir = new TempDirectory();
        var configMap = (await RenderAsync(folder)).OfType<V1ConfigMap>().Single();
        var file = dir.File("appsettings.json");
        File.WriteAllText(file, configMap.Data["appsettings.json"]);
        // Schema (every key known, every value converts) and the validators of every section the worker reads.
        var (code, output, error) = await CliRun.InProcess("runs", "list", "--config", file, "--db", dir.File("state.db"));
        Assert.True(code == ExitCodes.Ok, $"{folder}: exit {code}\n{output}\n{error}");
        var worker = await CliRun.InProcess("worker", "--config", file, "--db", dir.File("state.db"), "--Worker:InventoryCron=not a cron", $"--Worker:LivenessFile={dir.File("alive")}");
        Assert.Equal(ExitCodes.InvalidInput, worker.Code);
        var problems = worker.Err.Split('\n').Count(l => l.StartsWith("  - ", StringComparison.Ordinal));
        Assert.True(problems == 1, $"{folder}: only the cron given here should fail, got:\n{worker.Err}");
    }

    [Fact]
    public async Task The_postgres_ha_overlay_runs_two_workers_on_postgres_with_a_disruption_budget_and_no_volume_claim()
    {
        var objects = await RenderAsync("deploy/overlays/postgres-ha");
        var deployment = Assert.Single(objects.OfType<V1Deployment>());
        Assert.Equal(2, deployment.Spec.Replicas);
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Empty(objects.OfType<V1PersistentVolumeClaim>());
        var pod = deployment.Spec.Template.Spec;
        Assert.All(pod.Volumes, v => Assert.Null(v.PersistentVolumeClaim));

        // A drain never takes both: the budget selects exactly the worker's pods.
        var budget = Assert.Single(objects.OfType<V1PodDisruptionBudget>());
        Assert.Equal("1", budget.Spec.MinAvailable.Value);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, budget.Spec.Selector.MatchLabels);

        // The state is in PostgreSQL; the connection string comes from a Secret, never from the ConfigMap.
        var worker = Assert.Single(pod.Containers);
        var env = Assert.Single(worker.Env, e => e.Name == "MIGRATOR_Storage__ConnectionString");
        Assert.Equal("migrator-postgres", env.ValueFrom.SecretKeyRef.Name);
        var configMap = objects.OfType<V1ConfigMap>().Single();
        using var settings = JsonDocument.Parse(configMap.Data["appsettings.json"]);
        Assert.Equal("postgres", settings.RootElement.GetProperty("Storage").GetProperty("Provider").GetString());
        Assert.False(settings.RootElement.GetProperty("Storage").TryGetProperty("ConnectionString", out _));

        // What each pod still writes (reports, change sets) is on a mounted volume: the root filesystem is read-only.
        var mounts = worker.VolumeMounts.Select(m => m.MountPath).ToList();
        foreach (var written in new[] { settings.RootElement.GetProperty("Reports").GetProperty("OutputPath"), settings.RootElement.GetProperty("Execution").GetProperty("ChangeSetDirectory") })
            Assert.Contains(mounts, m => written.GetString()!.StartsWith(m + "/", StringComparison.Ordinal));

        // The configuration validates once the Secret's value is there (here a placeholder; nothing connects).
        using var dir = new TempDirectory();
        var file = dir.File("appsettings.json");
        File.WriteAllText(file, configMap.Data["appsettings.json"]);
        var run = await CliRun.InProcess("worker", "--config", file, "--Storage:ConnectionString=Host=127.0.0.1;Database=migrator",
            "--Worker:InventoryCron=not a cron", $"--Worker:LivenessFile={dir.File("alive")}");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        var problems = run.Err.Split('\n').Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 1 && problems[0].Contains("InventoryCron", StringComparison.Ordinal), $"only the cron given here should fail, got:\n{run.Err}");
    }

    [Fact]
    public async Task The_target_cluster_kustomization_renders_the_cluster_role_and_its_binding()
    {
        var objects = await RenderAsync("deploy/target-cluster");
        Assert.Equal("migrator", Assert.Single(objects.OfType<V1ClusterRole>()).Metadata.Name);
        Assert.Equal("migrator:operators", Assert.Single(Assert.Single(objects.OfType<V1ClusterRoleBinding>()).Subjects).Name);
    }
}
