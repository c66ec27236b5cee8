using Migrator.Application;
using Migrator.Cli;
using Migrator.Reports;

namespace Migrator.Verbs.Report;

/// <summary>
/// migrator report [--run ID] [--format html,md,json,csv] [--out DIR] [--top N]: the migration report of a stored run
/// (latest by default), from the recorded inventory, assessment, plan and journal; nothing is read from the cloud.
/// </summary>
public sealed class ReportVerb : IVerb
{
    public string Name => "report";
    public string Summary => "write the migration report (HTML, Markdown, JSON, CSV) of a stored run";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.RunId("--run", "ID", "inventory run to report (default: the latest)"),
        OptionSpec.Value("--format", "LIST", "comma-separated: html, md, json, csv (default: all four)"),
        OptionSpec.Value("--out", "DIR", "output folder (default: Reports:OutputPath, 'reports')"),
        OptionSpec.Number("--top", "N", "rows per list in HTML and Markdown (default: Reports:TopN, 50); the CSV has every binding"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var formats = new List<ReportFormat>();
        foreach (var word in context.Args.List("--format"))
            formats.Add(ReportFormats.Parse(word) ?? throw new UsageException($"--format '{word}' is not a report format: use html, md, json or csv (comma-separated)."));
        var request = new ReportRequest(
            context.Args.LongNumber("--run"),
            formats,
            context.Args.Value("--out"),
            context.Args.WholeNumber("--top", 1, 1_000_000));
        var outcome = await context.Get<ReportStage>().GenerateAsync(request, ct);
        var s = outcome.Model.Summary;
        context.Out.WriteLine($"run {outcome.Model.RunId}: {s.Status}: {s.Headline}");
        foreach (var file in outcome.Files)
            context.Out.WriteLine($"  wrote {file}");
        return ExitCodes.Ok;
    }
}
