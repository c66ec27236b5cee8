using Migrator.Cli;
using Migrator.Pipeline;

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
        var request = new PipelineRequest(
            CreatePlan: !context.Args.Flag("--no-plan"),
            ReportFormats: context.Args.List("--format"),
            ReportDirectory: context.Args.Value("--out"));
        var result = await context.Get<IMigrationPipeline>().RunAsync(request, context.Out, ct);
        if (result.Regressions.Count > 0)
        {
            // Exit 5 wins over partial (4): an identity that left Pod Identity is what an operator must act on first.
            await context.Error.WriteLineAsync($"error: {result.Regressions.Count} identit{(result.Regressions.Count == 1 ? "y" : "ies")} of the migration scope regressed from Pod Identity:");
            foreach (var r in result.Regressions)
                await context.Error.WriteLineAsync($"  {r.Key.Display}: {string.Join(", ", r.Codes)} since run {r.SinceRunId} ({r.Since:yyyy-MM-dd HH:mm} UTC): {r.Why}");
            if (result.Partial)
                await context.Error.WriteLineAsync($"warning: inventory run {result.RunId} is partial as well; see 'migrator runs show {result.RunId}'.");
            return ExitCodes.Regressed;
        }
        if (result.Partial)
        {
            await context.Error.WriteLineAsync($"warning: inventory run {result.RunId} is partial: some clusters or accounts could not be read; see 'migrator runs show {result.RunId}'.");
            return ExitCodes.Partial;
        }
        return ExitCodes.Ok;
    }
}
