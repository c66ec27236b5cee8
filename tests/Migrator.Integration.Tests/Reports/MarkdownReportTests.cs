using System.Runtime.CompilerServices;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

public class MarkdownReportTests
{
    private static string GoldenPath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden", "report.md");

    [Fact]
    public void Markdown_report_matches_the_golden_file()
    {
        var actual = Reporting.Renderer().Render(Reporting.SmallModel(scope: true), ReportFormat.Markdown);
        var golden = GoldenPath();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual);
        }
        Assert.True(File.Exists(golden), $"golden file {golden} is missing: run the test once with UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(golden).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
            File.WriteAllText(golden + ".actual", actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Markdown_escapes_pipes_backticks_and_markup_in_values()
    {
        var md = Reporting.Renderer().Render(Reporting.SmallModel(hostile: true, scope: true), ReportFormat.Markdown);

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", md, StringComparison.Ordinal);
        Assert.Contains(@"a\|b\`c\`\*\_\[x\](y)<br>next", md, StringComparison.Ordinal);
        // Every table row keeps its column count: a value's pipe never opens a new cell.
        var lines = md.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("|---", StringComparison.Ordinal) && !lines[i].StartsWith("|--:", StringComparison.Ordinal)) continue;
            var columns = Cells(lines[i]);
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith('|'); j++)
                Assert.True(Cells(lines[j]) == columns, $"row {j + 1} has {Cells(lines[j])} cells, header has {columns}: {lines[j]}");
        }
    }

    [Fact]
    public void Markdown_code_fence_outgrows_backticks_inside_the_trust_diff()
    {
        Assert.Equal("````", Migrator.Reports.Rendering.TemplateFunctions.Fence("a ``` b"));
        Assert.Equal("```", Migrator.Reports.Rendering.TemplateFunctions.Fence("plain"));
    }

    /// <summary>Cells of a GFM table row: unescaped pipes between the outer ones.</summary>
    private static int Cells(string row)
    {
        var pipes = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\') { i++; continue; }
            if (row[i] == '|') pipes++;
        }
        return pipes - 1;
    }
}
