using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Reports;
using Migrator.Verbs.Report;

namespace Migrator.Integration.Tests.Reports;

public class ReportVerbTests
{
    /// <summary>The small scenario's two runs (6 and 7) served from memory.</summary>
    private sealed class ScenarioSource : IReportSource
    {
        private readonly ReportInput _input = ReportScenario.Small();

        public Task<IReadOnlyList<ReportRunRef>> ListRunsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ReportRunRef>>(
            [new ReportRunRef(6, _input.PreviousSnapshot!.StartedAt, RunStatus.Complete), new ReportRunRef(7, _input.Snapshot.StartedAt, RunStatus.Complete)]);

        public Task<InventorySnapshot?> LoadSnapshotAsync(long runId, CancellationToken ct) =>
            Task.FromResult(runId == 7 ? _input.Snapshot : runId == 6 ? _input.PreviousSnapshot : null);

        public Task<AssessmentResult?> LoadAssessmentAsync(long runId, CancellationToken ct) =>
            Task.FromResult(runId == 7 ? _input.Assessment : runId == 6 ? _input.PreviousAssessment : null);

        public Task<PlanProgressView?> LoadPlanProgressAsync(long runId, CancellationToken ct) => Task.FromResult(_input.Plan);
    }

    /// <summary>The report verb's handler built from the services as the CLI builds it, and its parsed options.</summary>
    private sealed record Invocation(IVerbHandler Handler, CliArgs Args)
    {
        public Task<int> RunAsync(CancellationToken ct) => Handler.RunAsync(Args, ct);
    }

    private static (Invocation Context, StringWriter Out) Context(params string[] args)
    {
        var output = new StringWriter();
        var services = new ServiceCollection()
            .AddSingleton<IReportSource, ScenarioSource>()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(ReportScenario.At))
            .AddSingleton(Options.Create(new ReportSettings { TemplatesPath = Reporting.TemplatesPath, OutputPath = Reporting.TempDir() }))
            .AddSingleton<ReportGenerator>()
            .AddSingleton<ReportStage>()
            .AddSingleton(new VerbConsole(output, new StringWriter(), interactive: false))
            .BuildServiceProvider();
        var verb = new ReportVerb();
        var handler = (IVerbHandler)ActivatorUtilities.CreateInstance(services, verb.Handler);
        return (new Invocation(handler, CliArgs.Parse(args, verb)), output);
    }

    [Fact]
    public async Task Report_writes_timestamped_files_and_latest_copies_for_every_format()
    {
        var dir = Reporting.TempDir();
        var (context, output) = Context("--out", dir);

        Assert.Equal(ExitCodes.Ok, await context.RunAsync(CancellationToken.None));

        var names = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["latest.csv", "latest.html", "latest.json", "latest.md", "report-run7-20261128-093000.csv", "report-run7-20261128-093000.html", "report-run7-20261128-093000.json", "report-run7-20261128-093000.md"],
            names);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "latest.md")), File.ReadAllText(Path.Combine(dir, "report-run7-20261128-093000.md")));
        Assert.Contains("\"totalBindings\": 8", File.ReadAllText(Path.Combine(dir, "latest.json")), StringComparison.Ordinal);
        Assert.Contains("run 7: Blocked", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_an_earlier_run_in_chosen_formats()
    {
        var dir = Reporting.TempDir();
        var (context, _) = Context("--run", "6", "--format", "md,csv", "--out", dir);

        Assert.Equal(ExitCodes.Ok, await context.RunAsync(CancellationToken.None));

        // Run 6 is not the newest: its own files only; latest.* stays the newest run's report.
        Assert.Equal(2, Directory.GetFiles(dir).Length);
        Assert.Empty(Directory.GetFiles(dir, "latest.*"));
        var md = File.ReadAllText(Directory.GetFiles(dir, "report-run6-*.md").Single());
        Assert.Contains("Inventory run #6", md, StringComparison.Ordinal);
        Assert.Contains("This is the first recorded run", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_format_is_a_usage_error_and_unknown_run_is_invalid_input()
    {
        var (bad, _) = Context("--format", "pdf");
        var usage = await Assert.ThrowsAsync<UsageException>(() => bad.RunAsync(CancellationToken.None));
        Assert.Contains("pdf", usage.Message, StringComparison.Ordinal);

        var (missing, _) = Context("--run", "99");
        var invalid = await Assert.ThrowsAsync<StageInputException>(() => missing.RunAsync(CancellationToken.None));
        Assert.Contains("run 99 is not stored", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_report_on_an_empty_state_file_says_to_run_inventory_first()
    {
        var db = Path.Combine(Reporting.TempDir(), "state.db");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["report", "--db", db, "--out", Reporting.TempDir()], stdout, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no inventory runs are stored yet", stderr.ToString(), StringComparison.Ordinal);
    }
}
