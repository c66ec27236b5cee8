using Migrator.Application;
using Migrator.Cli;
using Migrator.Reports;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Run;

/// <summary>
/// `migrator run`: the main job in one go: inventory → assessment → plan → report. Plan mode: nothing in the estate
/// changes; phases run only after `plan approve` and `phase run`.
/// </summary>
public sealed class RunVerb : IVerb
{
    public static readonly VerbOption<bool> NoPlan = VerbOption.Flag("--no-plan", "stop after the assessment; do not create a plan");
    public static readonly VerbOption<IReadOnlyList<string>> Format = VerbOption.CommaList("--format", "LIST", "report formats, comma-separated: html, md, json, csv (default: all)");
    public static readonly VerbOption<string?> Out = VerbOption.Text("--out", "DIR", "report folder (default: Reports:OutputPath, 'reports')");

    public string Name => "run";
    public string Summary => "inventory → assess → plan → report in one go (changes nothing in the estate; exit 5 when an identity regressed from Pod Identity)";
    public IReadOnlyList<VerbOption> Options => [NoPlan, Format, Out];
    public Type Handler => typeof(RunHandler);

    public sealed class RunHandler(IMainJob job, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var formats = args.Get(Format).Select(f => ReportFormats.Parse(f)
                ?? throw new UsageException($"report format '{f}' is unknown: use html, md, json or csv.")).ToList();
            var request = new MainJobRequest(CreatePlan: !args.Get(NoPlan), ReportFormats: formats, ReportDirectory: args.Get(Out));
            var outcome = await StateFile.Use(() => job.RunAsync(request, new MainJobNarration(console.Out), ct));
            var error = console.Error;
            if (outcome.Regressions.Count > 0)
            {
                // Exit 5 wins over partial (4): an identity that left Pod Identity is what an operator must act on first.
                await error.WriteLineAsync($"error: {outcome.Regressions.Count} identit{(outcome.Regressions.Count == 1 ? "y" : "ies")} of the migration scope regressed from Pod Identity:");
                foreach (var r in outcome.Regressions)
                    await error.WriteLineAsync($"  {r.Key.Display}: {string.Join(", ", r.Codes)} since run {r.SinceRunId} ({r.Since:yyyy-MM-dd HH:mm} UTC): {r.Why}");
                if (outcome.Partial)
                    await error.WriteLineAsync($"warning: inventory run {outcome.RunId} is partial as well; see 'migrator runs show {outcome.RunId}'.");
                return ExitCodes.Regressed;
            }
            if (outcome.Partial)
            {
                await error.WriteLineAsync($"warning: inventory run {outcome.RunId} is partial: some clusters or accounts could not be read; see 'migrator runs show {outcome.RunId}'.");
                return ExitCodes.Partial;
            }
            return ExitCodes.Ok;
        }
    }
}
