using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Planning;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Issue 13 "done when": a full rehearsal on the default sandbox estate through the CLI (one state file across
/// commands): 'run', approve and run every phase, 'run' again. The second assessment must count every planned
/// identity as on Pod Identity (bar workloads the plan said must be recreated by hand), break nothing that was not
/// broken before, list the remaining cleanup items, and keep the planted Pod Identity failures broken for their reason.
/// </summary>
public sealed class LifecycleRehearsalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> Ok(params string[] args)
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
        Assert.True(code == ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}\n{stdout}\n{stderr}");
        return stdout.ToString();
    }

    /// <summary>key (ACCOUNT/REGION/CLUSTER/NS/SA) → (category, reason codes, lifecycle), from 'assess --output csv'.</summary>
    private async Task<Dictionary<string, (string Category, string[] Reasons, string Lifecycle)>> AssessAsync()
    {
        var csv = await Ok("assess", "--output", "csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            c => $"{c[Col("account_id")]}/{c[Col("region")]}/{c[Col("cluster")]}/{c[Col("namespace")]}/{c[Col("service_account")]}",
            c => (c[Col("category")], c[Col("reason_codes")].Split(';', StringSplitOptions.RemoveEmptyEntries), c[Col("lifecycle")]),
            StringComparer.Ordinal);
    }

    [Fact]
    public async Task After_a_full_rehearsal_every_planned_identity_runs_on_pod_identity_and_nothing_is_newly_broken()
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
            var (category, reasons, lifecycle) = after[b.Key.ToString()];
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
            var (category, reasons, lifecycle) = after[b.Key.ToString()];
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
            var (category, reasons, lifecycle) = after[seed.BindingKey];
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
    }
}
