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
    public string Summary => "inventory → assess → plan → report in one go (changes nothing in the estate)";
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
        if (result.Partial)
        {
            await context.Error.WriteLineAsync($"warning: inventory run {result.RunId} is partial: some clusters or accounts could not be read; see 'migrator runs show {result.RunId}'.");
            return ExitCodes.Partial;
        }
        return ExitCodes.Ok;
    }
}
