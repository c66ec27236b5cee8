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
    public string Name => "run";
    public string Summary => "inventory → assess → plan → report in one go (changes nothing in the estate; exit 5 when an identity regressed from Pod Identity)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Flag("--no-plan", "stop after the assessment; do not create a plan"),
        OptionSpec.Value("--format", "LIST", "report formats, comma-separated: html, md, json, csv (default: all)"),
        OptionSpec.Value("--out", "DIR", "report folder (default: Reports:OutputPath, 'reports')"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var formats = context.Args.List("--format").Select(f => ReportFormats.Parse(f)
            ?? throw new UsageException($"report format '{f}' is unknown: use html, md, json or csv.")).ToList();
        var request = new MainJobRequest(CreatePlan: !context.Args.Flag("--no-plan"), ReportFormats: formats, ReportDirectory: context.Args.Value("--out"));
        var outcome = await StateFile.Use(() => context.Get<IMainJob>().RunAsync(request, new MainJobNarration(context.Out), ct));
        if (outcome.Regressions.Count > 0)
        {
            // Exit 5 wins over partial (4): an identity that left Pod Identity is what an operator must act on first.
            await context.Error.WriteLineAsync($"error: {outcome.Regressions.Count} identit{(outcome.Regressions.Count == 1 ? "y" : "ies")} of the migration scope regressed from Pod Identity:");
            foreach (var r in outcome.Regressions)
                await context.Error.WriteLineAsync($"  {r.Key.Display}: {string.Join(", ", r.Codes)} since run {r.SinceRunId} ({r.Since:yyyy-MM-dd HH:mm} UTC): {r.Why}");
            if (outcome.Partial)
                await context.Error.WriteLineAsync($"warning: inventory run {outcome.RunId} is partial as well; see 'migrator runs show {outcome.RunId}'.");
            return ExitCodes.Regressed;
        }
        if (outcome.Partial)
        {
            await context.Error.WriteLineAsync($"warning: inventory run {outcome.RunId} is partial: some clusters or accounts could not be read; see 'migrator runs show {outcome.RunId}'.");
            return ExitCodes.Partial;
        }
        return ExitCodes.Ok;
    }
}
