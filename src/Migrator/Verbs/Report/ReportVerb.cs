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
    public static readonly VerbOption<long?> Run = VerbOption.RunId("--run", "ID", "inventory run to report (default: the latest)");
    public static readonly VerbOption<IReadOnlyList<string>> Format = VerbOption.CommaList("--format", "LIST", "comma-separated: html, md, json, csv (default: all four)");
    public static readonly VerbOption<string?> Out = VerbOption.Text("--out", "DIR", "output folder (default: Reports:OutputPath, 'reports')");
    public static readonly VerbOption<int?> Top = VerbOption.Number("--top", "N", "rows per list in HTML and Markdown (default: Reports:TopN, 50); the CSV has every binding", 1, 1_000_000);

    public string Name => "report";
    public string Summary => "write the migration report (HTML, Markdown, JSON, CSV) of a stored run";
    public IReadOnlyList<VerbOption> Options => [Run, Format, Out, Top];
    public Type Handler => typeof(ReportHandler);

    public sealed class ReportHandler(ReportStage reports, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var formats = new List<ReportFormat>();
            foreach (var word in args.Get(Format))
                formats.Add(ReportFormats.Parse(word) ?? throw new UsageException($"--format '{word}' is not a report format: use html, md, json or csv (comma-separated)."));
            var request = new ReportRequest(args.Get(Run), formats, args.Get(Out), args.Get(Top));
            var outcome = await reports.GenerateAsync(request, ct);
            var s = outcome.Model.Summary;
            await console.Out.WriteLineAsync($"run {outcome.Model.RunId}: {s.Status}: {s.Headline}");
            foreach (var file in outcome.Files)
                await console.Out.WriteLineAsync($"  wrote {file}");
            return ExitCodes.Ok;
        }
    }
}
