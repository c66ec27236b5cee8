using k8s;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Issue 13 "done when": a full rehearsal on the default sandbox estate through the CLI (one state file across
/// commands): 'run', approve and run every phase, 'run' again. The second assessment must count every planned
/// identity as on Pod Identity bar the workloads the plan said must be recreated by hand (counted as awaiting their
/// pods' recreation), break nothing that was not broken before, list the remaining cleanup items, and keep the planted
/// Pod Identity failures broken for their reason. Once the operator has recreated those (delete and create through the
/// Kubernetes API), the next run counts 100 % of the scope on Pod Identity.
/// The report's headline is the migration scope's progress; a trust reverted afterwards (Terraform) is a regression:
/// first in the report, named by 'runs diff', and 'run' exits 5.
/// </summary>
public sealed class LifecycleRehearsalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] common =
        [
            "--sandbox", "--db", _dir.File("state.db"), $"--Sandbox:StateFile={_dir.File("estate.json")}",
            $"--Reports:OutputPath={_dir.File("reports")}",
            "--Planning:SoakPeriod=00:00:00", "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200",
        ];
        var code = await CommandLine.RunAsync([.. args, .. common], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> Ok(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>key (ACCOUNT/REGION/CLUSTER/NS/SA) → (category, reason codes, lifecycle, association role), from 'assess --output csv'.</summary>
    private async Task<Dictionary<string, (string Category, string[] Reasons, string Lifecycle, string AssociationRole)>> AssessAsync()
    {
        var (_, rows) = Reports.CsvTable.Parse(await Ok("assess", "--output", "csv"));
        return rows.ToDictionary(
            c => $"{c["account"]}/{c["region"]}/{c["cluster"]}/{c["namespace"]}/{c["service_account"]}",
            c => (c["category"], c["reason_codes"].Split(';', StringSplitOptions.RemoveEmptyEntries), c["lifecycle"], c["association_role_arn"]),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Plays Terraform reverting a role's trust: the sandbox's IAM API (our IAM client over HTTP, in a host built as the
    /// CLI builds it) writes the document; the sandbox saves its state when the host stops.
    /// </summary>
    private async Task RevertTrustAsync(string roleArn, string document)
    {
        var global = new GlobalOptions { Sandbox = true, Database = _dir.File("state.db") };
        var overrides = new Dictionary<string, string?> { ["Sandbox:StateFile"] = _dir.File("estate.json") };
        using var host = await MigratorHost.BuildAsync(global, overrides, CancellationToken.None);
        Assert.True(Core.Inventory.IamRoleArn.TryParse(roleArn, out var arn), roleArn);
        await host.Services.GetRequiredService<Core.Ports.IIamApi>().UpdateAssumeRolePolicyAsync(arn.AccountId, arn.Name, document, CancellationToken.None);
        await host.Services.GetRequiredService<Migrator.SandboxHosting.SandboxSession>().StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Plays the operator recreating what the plan marked ManualRestart, with the real KubernetesClient against the
    /// sandbox's API as kubectl would: a bare Pod is deleted and created again from its manifest (its spec before the
    /// webhook's admission, as kept in Git); a Job is deleted with its pods (propagationPolicy Background) and created
    /// again from its own template; a CronJob is run now from its job template (kubectl create job --from=cronjob/NAME:
    /// a Job owned by the CronJob) and its pre-migration runs kept in the history are deleted.
    /// </summary>
    private async Task RecreateByHandAsync(IReadOnlyList<ManualRestartStep> steps)
    {
        var global = new GlobalOptions { Sandbox = true, Database = _dir.File("state.db") };
        var overrides = new Dictionary<string, string?> { ["Sandbox:StateFile"] = _dir.File("estate.json") };
        using var host = await MigratorHost.BuildAsync(global, overrides, CancellationToken.None);
        var session = host.Services.GetRequiredService<Migrator.SandboxHosting.SandboxSession>();
        var server = session.Server;
        foreach (var perCluster in steps.GroupBy(s => s.Cluster.Key, StringComparer.Ordinal))
        {
            var c = perCluster.First().Cluster;
            // The operator's kubeconfig for the cluster (what 'sandbox serve' writes): its API URL and bearer token.
            var cluster = server.State.Read(e => e.FindCluster(c.AccountId, c.Region, c.Name)!);
            using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration
            {
                Host = server.Endpoints.ClusterUrl(cluster) + "/",
                AccessToken = server.Credentials.ClusterTokenOf(cluster).Token,
            });
            foreach (var w in perCluster.Select(s => s.Workload).Distinct())
            {
                switch (w.Kind)
                {
                    case Core.Inventory.WorkloadKind.Pod:
                        var manifest = server.State.Read(e => ManifestOf(e.FindCluster(c.AccountId, c.Region, c.Name)!.Workloads.Single(x => x.Kind == w.Kind && x.Namespace == w.Namespace && x.Name == w.Name)));
                        await client.CoreV1.DeleteNamespacedPodAsync(w.Name, w.Namespace);
                        await client.CoreV1.CreateNamespacedPodAsync(manifest, w.Namespace);
                        break;
                    case Core.Inventory.WorkloadKind.Job:
                        var job = await client.BatchV1.ReadNamespacedJobAsync(w.Name, w.Namespace);
                        await client.BatchV1.DeleteNamespacedJobAsync(w.Name, w.Namespace, propagationPolicy: "Background");
                        await client.BatchV1.CreateNamespacedJobAsync(Again(job.Metadata.Name, job.Spec.Template, job.Spec.Parallelism, owner: null), w.Namespace);
                        break;
                    case Core.Inventory.WorkloadKind.CronJob:
                        var cron = await client.BatchV1.ReadNamespacedCronJobAsync(w.Name, w.Namespace);
                        var runs = (await client.BatchV1.ListNamespacedJobAsync(w.Namespace)).Items
                            .Where(j => j.Metadata.OwnerReferences?.Any(o => o.Kind == "CronJob" && o.Name == w.Name) == true).ToList();
                        var owner = new k8s.Models.V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = cron.Metadata.Name, Uid = cron.Metadata.Uid, Controller = true, BlockOwnerDeletion = true };
                        await client.BatchV1.CreateNamespacedJobAsync(Again($"{w.Name}-manual", cron.Spec.JobTemplate.Spec.Template, cron.Spec.JobTemplate.Spec.Parallelism, owner), w.Namespace);
                        foreach (var run in runs)
                            await client.BatchV1.DeleteNamespacedJobAsync(run.Metadata.Name, w.Namespace, propagationPolicy: "Background");
                        break;
                    default:
                        throw new InvalidOperationException($"{w.Kind} {w.Namespace}/{w.Name} is restarted by the tool, not by hand");
                }
            }
        }

        await session.StopAsync(CancellationToken.None);
    }

    /// <summary>A bare pod's manifest: the spec the estate holds for it before the webhook's admission.</summary>
    private static k8s.Models.V1Pod ManifestOf(Workload w) => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = w.Name, Labels = new Dictionary<string, string>(w.EffectiveTemplateLabels), Annotations = new Dictionary<string, string>(w.TemplateAnnotations) },
        Spec = new k8s.Models.V1PodSpec
        {
            ServiceAccountName = w.ServiceAccountName,
            NodeSelector = w.NodeSelector.Count > 0 ? new Dictionary<string, string>(w.NodeSelector) : null,
            Containers = w.Containers.Select(c => new k8s.Models.V1Container
            {
                Name = c.Name,
                Image = c.Image,
                Env = c.Env.Select(e => new k8s.Models.V1EnvVar { Name = e.Name, Value = e.Value }).ToList(),
            }).ToList(),
        },
    };

    /// <summary>A Job of the given template, without what the Job controller added to it (its selector labels).</summary>
    private static k8s.Models.V1Job Again(string name, k8s.Models.V1PodTemplateSpec template, int? parallelism, k8s.Models.V1OwnerReference? owner)
    {
        string[] controllerLabels = ["controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name"];
        template.Metadata.Labels = template.Metadata.Labels?.Where(l => !controllerLabels.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value);
        return new k8s.Models.V1Job
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = name, OwnerReferences = owner is null ? null : [owner] },
            Spec = new k8s.Models.V1JobSpec { Parallelism = parallelism, Template = template },
        };
    }

    [Fact]
    public async Task After_a_full_rehearsal_the_scope_runs_on_pod_identity_and_a_reverted_trust_is_a_regression_reported_first()
    {
        await Ok("run");
        var before = await AssessAsync();
        var plan = PlanJson.Deserialize(await Ok("plan", "show", "--output", "json"));
        var planned = plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).SelectMany(p => p.Bindings).ToList();
        Assert.NotEmpty(planned);
        foreach (var phase in plan.Phases)
        {
            var n = phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Ok("plan", "approve", "--phase", n, "--by", "rehearsal");
            await Ok("phase", "run", n);
        }

        await Ok("run");
        var after = await AssessAsync();

        // Every planned identity runs on Pod Identity, except workloads the plan said must be recreated by hand
        // (bare pods, Jobs): their running pods keep the IRSA env until then.
        var manual = plan.Phases.SelectMany(p => p.Steps).Where(s => s.Kind == StepKind.ManualRestart).Select(s => s.Binding!.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var b in planned)
        {
            var (category, reasons, lifecycle, _) = after[b.Key.ToString()];
            if (manual.Contains(b.Key.ToString()) && reasons.Contains(ReasonCodes.RestartPending))
                continue;
            Assert.True(category == nameof(BindingCategory.Migrated), $"{b.Key}: {category} {lifecycle} [{string.Join(", ", reasons)}]");
            Assert.Contains(lifecycle, new[] { nameof(IdentityLifecycle.PodIdentity), nameof(IdentityLifecycle.CleanupPending) });
        }
        Assert.True(planned.Count(b => after[b.Key.ToString()].Category == nameof(BindingCategory.Migrated)) > planned.Count * 3 / 4);

        // Nothing newly broken; the add-on ServiceAccounts moved through UpdateAddon keep their annotation as a cleanup item.
        var newlyBroken = after.Where(a => a.Value.Category == nameof(BindingCategory.Broken) && before.TryGetValue(a.Key, out var was) && was.Category != nameof(BindingCategory.Broken)).Select(a => a.Key).ToList();
        Assert.Empty(newlyBroken);
        var addons = planned.Where(b => b.OwningAddon is not null).ToList();
        Assert.NotEmpty(addons);
        Assert.All(addons, b =>
        {
            var (category, reasons, lifecycle, _) = after[b.Key.ToString()];
            Assert.Equal(nameof(BindingCategory.Migrated), category);
            Assert.Equal(nameof(IdentityLifecycle.CleanupPending), lifecycle);
            Assert.Contains(ReasonCodes.CleanupIrsaAnnotation, reasons);
            Assert.DoesNotContain(ReasonCodes.TrustDenies, reasons);
        });

        // The planted Pod Identity failures keep their broken.* reason; the healthy native ones count as on Pod Identity.
        var seeds = EstateGenerator.Generate(new GeneratorOptions { Clusters = 6, ServiceAccounts = 120, Seed = 42 }).Seeds;
        foreach (var seed in seeds.Where(s => s.Condition is SeededCondition.PodIdentityOnly or SeededCondition.PodIdentityTrustMissing
                     or SeededCondition.SessionTagsDisabledUnderTagTrust or SeededCondition.TargetRoleChainBroken))
        {
            var (category, reasons, lifecycle, _) = after[seed.BindingKey];
            Assert.Equal(nameof(IdentityLifecycle.PodIdentity), lifecycle);
            if (SeededBinding.ExpectedPodIdentityReason(seed.Condition) is { } code)
                Assert.Contains(code, reasons);
            else
                Assert.Equal(nameof(BindingCategory.Migrated), category);
        }

        // The report counts identities on Pod Identity, not IRSA bindings with an association.
        var onPodIdentity = after.Count(a => a.Value.Category == nameof(BindingCategory.Migrated));
        var markdown = await File.ReadAllTextAsync(Path.Combine(_dir.File("reports"), "latest.md"));
        Assert.Contains($"{onPodIdentity} of {after.Count} workload identities", markdown, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(Path.Combine(_dir.File("reports"), "latest.csv"));
        Assert.Contains(ReasonCodes.CleanupIrsaAnnotation, csv, StringComparison.Ordinal);

        // The scope, fixed by the first plan: its canary and wave identities plus those already on Pod Identity then.
        // All of it runs on Pod Identity but the identities whose bare Pods/Jobs must be recreated by hand: counted
        // honestly as awaiting their pods' recreation, not as done.
        var scopeKeys = planned.Select(b => b.Key.ToString()).Concat(before.Where(b => b.Value.Category == nameof(BindingCategory.Migrated)).Select(b => b.Key)).ToHashSet(StringComparer.Ordinal);
        var awaiting = planned.Count(b => manual.Contains(b.Key.ToString()) && after[b.Key.ToString()].Reasons.Contains(ReasonCodes.RestartPending));
        var onScope = scopeKeys.Count(k => after[k].Category == nameof(BindingCategory.Migrated));
        Assert.Equal(scopeKeys.Count - awaiting, onScope);
        var percent = Math.Round(100.0 * onScope / scopeKeys.Count, 1, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headline = $"{onScope} of {scopeKeys.Count} identities in the migration scope ({percent}%) run on Pod Identity";
        Assert.Contains(headline, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("regressed", markdown.Split("Estate:")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("not moved yet", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("gone from the estate", markdown.Split("Estate:")[0], StringComparison.Ordinal);
        Assert.Contains(awaiting == 0 ? "nothing of the scope is left to move" : $"{awaiting} await their pods' recreation", markdown, StringComparison.Ordinal);
        var scopeJson = System.Text.Json.Nodes.JsonNode.Parse(await Ok("scope", "show", "--output", "json"))!;
        Assert.Equal(scopeKeys.Count, scopeJson["scope"]!.GetValue<int>());
        Assert.Equal(onScope, scopeJson["byProgress"]!["OnPodIdentity"]!.GetValue<int>());
        Assert.Equal(awaiting, scopeJson["byProgress"]?["AwaitingRestart"]?.GetValue<int>() ?? 0);
        // The remaining cleanup items are listed: the add-on ServiceAccounts' annotations.
        var cleanupSection = markdown[markdown.IndexOf("## Remaining cleanup items", StringComparison.Ordinal)..];
        Assert.Contains(addons[0].Key.Display, cleanupSection, StringComparison.Ordinal);
        Assert.Contains(ReasonCodes.CleanupIrsaAnnotation, cleanupSection, StringComparison.Ordinal);

        // The operator recreates the bare Pods, Jobs and CronJob runs the plan left to a human; the next run counts the
        // whole scope on Pod Identity, nothing newly broken, and still lists the cleanup items.
        Assert.True(awaiting > 0, "the default estate plans workloads that only a human can recreate");
        await RecreateByHandAsync(plan.Phases.SelectMany(p => p.Steps).OfType<ManualRestartStep>().ToList());
        await Ok("run");
        after = await AssessAsync();
        foreach (var b in planned)
        {
            var (category, reasons, lifecycle, _) = after[b.Key.ToString()];
            Assert.True(category == nameof(BindingCategory.Migrated), $"{b.Key} after its workloads were recreated: {category} {lifecycle} [{string.Join(", ", reasons)}]");
            // The recreated ones run on Pod Identity; their cleanup waited for them, so the IRSA path is still there (both).
            Assert.Contains(lifecycle, manual.Contains(b.Key.ToString())
                ? new[] { nameof(IdentityLifecycle.CutOver), nameof(IdentityLifecycle.CleanupPending), nameof(IdentityLifecycle.PodIdentity) }
                : new[] { nameof(IdentityLifecycle.PodIdentity), nameof(IdentityLifecycle.CleanupPending) });
        }
        Assert.DoesNotContain(after, a => a.Value.Category == nameof(BindingCategory.Broken) && before.TryGetValue(a.Key, out var was) && was.Category != nameof(BindingCategory.Broken));
        onScope = scopeKeys.Count(k => after[k].Category == nameof(BindingCategory.Migrated));
        Assert.Equal(scopeKeys.Count, onScope);
        markdown = await File.ReadAllTextAsync(Path.Combine(_dir.File("reports"), "latest.md"));
        Assert.Contains($"{scopeKeys.Count} of {scopeKeys.Count} identities in the migration scope (100%) run on Pod Identity", markdown, StringComparison.Ordinal);
        Assert.Contains("nothing of the scope is left to move", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("regressed", markdown.Split("Estate:")[0], StringComparison.Ordinal);
        var done = System.Text.Json.Nodes.JsonNode.Parse(await Ok("scope", "show", "--output", "json"))!;
        Assert.Equal((scopeKeys.Count, 0), (done["byProgress"]!["OnPodIdentity"]!.GetValue<int>(), done["byProgress"]?["AwaitingRestart"]?.GetValue<int>() ?? 0));
        cleanupSection = markdown[markdown.IndexOf("## Remaining cleanup items", StringComparison.Ordinal)..];
        Assert.Contains(addons[0].Key.Display, cleanupSection, StringComparison.Ordinal);
        Assert.Contains(ReasonCodes.CleanupIrsaAnnotation, cleanupSection, StringComparison.Ordinal);

        // As the first plan's phases said: re-run its waves to verify the recreated pods (a CronJob's manual run included),
        // then its cleanups for the leftovers they kept; the identities move from both to Pod Identity.
        foreach (var phase in plan.Phases.Where(p => p.Kind == PhaseKind.Cleanup || p.Steps.Any(x => x.Kind == StepKind.ManualRestart)))
        {
            var rerun = await Ok("phase", "run", phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), "--plan", plan.Id);
            Assert.DoesNotContain("waiting:", rerun, StringComparison.Ordinal);
            Assert.DoesNotContain("VerifyOnNextRun:", rerun, StringComparison.Ordinal);
            Assert.DoesNotContain("held:", rerun, StringComparison.Ordinal);
        }

        await Ok("run");
        after = await AssessAsync();
        foreach (var b in planned)
        {
            var (category, reasons, lifecycle, _) = after[b.Key.ToString()];
            Assert.True(category == nameof(BindingCategory.Migrated) && lifecycle is nameof(IdentityLifecycle.PodIdentity) or nameof(IdentityLifecycle.CleanupPending),
                $"{b.Key} after the cleanup of the recreated identities: {category} {lifecycle} [{string.Join(", ", reasons)}]");
        }
        Assert.Equal(scopeKeys.Count, scopeKeys.Count(k => after[k].Category == nameof(BindingCategory.Migrated)));

        // Terraform reverts one migrated role's trust to its pre-migration document (IRSA only): the identity regresses.
        var firstRun = await new Migrator.Storage.Inventory.SqliteInventoryStore(new Migrator.Storage.SqliteConnectionFactory(_dir.File("state.db"), new Migrator.Storage.SchemaMigrator(), TimeProvider.System))
            .LoadSnapshotAsync(1, CancellationToken.None);
        var victim = planned.First(b => b.OwningAddon is null && after[b.Key.ToString()].Category == nameof(BindingCategory.Migrated)
            && after.Count(a => a.Value.AssociationRole == after[b.Key.ToString()].AssociationRole) == 1
            && firstRun!.Roles.Any(r => r.Arn == b.RoleArn));
        var preMigration = firstRun!.Roles.Single(r => r.Arn == victim.RoleArn).TrustPolicy!;
        Assert.DoesNotContain("pods.eks.amazonaws.com", preMigration, StringComparison.Ordinal);
        await RevertTrustAsync(victim.RoleArn, preMigration);

        var (runCode, runOut, runErr) = await RunAsync("run");
        Assert.True(runCode == ExitCodes.Regressed, $"run exited {runCode}\n{runOut}\n{runErr}");
        Assert.Contains($"REGRESSION: {victim.Key.Display}", runOut, StringComparison.Ordinal);
        Assert.Contains(victim.Key.Display, runErr, StringComparison.Ordinal);
        Assert.Contains(ReasonCodes.PodIdentityTrustDenies, runErr, StringComparison.Ordinal);

        // The report shows it first, before the status and headline.
        var regressed = await File.ReadAllTextAsync(Path.Combine(_dir.File("reports"), "latest.md"));
        var banner = regressed.IndexOf("## ⛔ REGRESSED: 1 identity of the migration scope left Pod Identity", StringComparison.Ordinal);
        Assert.True(banner > 0 && banner < regressed.IndexOf("> **Status: Regressed**", StringComparison.Ordinal), regressed[..Math.Min(2000, regressed.Length)]);
        var row = regressed[banner..].Split('\n').First(l => l.StartsWith($"| {victim.Key.Display} |", StringComparison.Ordinal));
        Assert.Contains(ReasonCodes.PodIdentityTrustDenies, row, StringComparison.Ordinal);
        Assert.Contains($"{onScope - 1} of {scopeKeys.Count} identities in the migration scope", regressed, StringComparison.Ordinal);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir.File("reports"), "latest.json")))!;
        var item = Assert.Single(json["regressions"]!.AsArray());
        Assert.Equal(victim.Key.Display, item!["identity"]!.GetValue<string>());
        Assert.Equal("Regressed", json["summary"]!["status"]!.GetValue<string>());

        // runs diff names it, with why.
        var diff = await Ok("runs", "diff");
        Assert.Contains("REGRESSIONS: identities of the migration scope no longer on Pod Identity", diff, StringComparison.Ordinal);
        var diffLine = diff.Split('\n').Single(l => l.Contains(victim.Key.ToString(), StringComparison.Ordinal) && l.Contains("was on Pod Identity", StringComparison.Ordinal));
        Assert.Contains(ReasonCodes.PodIdentityTrustDenies, diffLine, StringComparison.Ordinal);
        Assert.Contains("[new since run", diffLine, StringComparison.Ordinal);

        // The scope changes only on purpose, recorded with who and why.
        Assert.Equal(ExitCodes.Usage, (await RunAsync("scope", "remove", victim.Key.Display, "--by", "lead")).Code);
        var (unknownCode, _, unknownErr) = await RunAsync("scope", "remove", "nowhere/ns/sa", "--by", "lead", "--reason", "typo");
        Assert.Equal(ExitCodes.InvalidInput, unknownCode);
        Assert.Contains("'nowhere/ns/sa' is not in the migration scope", unknownErr, StringComparison.Ordinal);
        Assert.Contains("removed 1 identity", await Ok("scope", "remove", victim.Key.Display, "--by", "lead", "--reason", "role retired by the platform team"), StringComparison.Ordinal);
        var narrowed = System.Text.Json.Nodes.JsonNode.Parse(await Ok("scope", "show", "--output", "json"))!;
        Assert.Equal(scopeKeys.Count - 1, narrowed["scope"]!.GetValue<int>());
        var removal = Assert.Single(narrowed["removed"]!.AsArray())!;
        Assert.Equal(("lead", "role retired by the platform team"), (removal["removedBy"]!.GetValue<string>(), removal["removalReason"]!.GetValue<string>()));
        Assert.Empty(narrowed["regressions"]!.AsArray());
        Assert.Contains("added 1 identity", await Ok("scope", "add", victim.Key.Display, "--by", "lead"), StringComparison.Ordinal);
        Assert.Equal(scopeKeys.Count, System.Text.Json.Nodes.JsonNode.Parse(await Ok("scope", "show", "--output", "json"))!["scope"]!.GetValue<int>());
    }
}
