using System.Globalization;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

/// <summary>Writing the formats side by side into their files.</summary>
public class ReportFilesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_report_file_that_cannot_be_written_is_invalid_input_naming_the_folder_whichever_format_fails()
    {
        var model = Reporting.SmallModel();
        var dir = Reporting.TempDir();
        var stamp = At.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        // The JSON's file name is taken by a folder: the JSON (written as it is serialized) cannot be created.
        Directory.CreateDirectory(Path.Combine(dir, $"report-run{model.RunId}-{stamp}.json"));

        var e = Assert.Throws<ReportInputException>(() => Reporting.Renderer().Write(model, [ReportFormat.Html, ReportFormat.Json, ReportFormat.Csv], dir, At));

        Assert.Contains($"cannot write the report into '{dir}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Choose a writable folder with --out DIR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_format_is_written_with_latest_copies_and_the_json_and_csv_hold_every_binding()
    {
        var model = Reporting.SmallModel();
        var dir = Reporting.TempDir();

        var files = Reporting.Renderer().Write(model, [ReportFormat.Html, ReportFormat.Markdown, ReportFormat.Json, ReportFormat.Csv], dir, At);

        Assert.Equal(8, files.Count);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0, f));
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "latest.json"))).RootElement;
        Assert.Equal(model.Bindings.Count, json.GetProperty("bindings").GetArrayLength());
        Assert.Equal(model.Bindings.Count + 1, File.ReadAllText(Path.Combine(dir, "latest.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Reporting.Renderer().Render(model, ReportFormat.Json), File.ReadAllText(Path.Combine(dir, "latest.json")));
    }
}
