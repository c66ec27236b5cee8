using Migrator.Reports;
using Migrator.Reports.Model;
using Migrator.Reports.Rendering;
using Scriban.Syntax;

namespace Migrator.Integration.Tests.Reports;

public class LargeEstateTests
{
    private static ReportModel Model(int topN) =>
        new ReportModelBuilder(new ReportSettings { TopN = topN }, new RewriterTrustProjection()).Build(ReportScenario.Large(20_000));

    [Fact]
    public void Twenty_thousand_bindings_listed_in_full_render_without_truncation()
    {
        var model = Model(topN: 20_000);
        var html = Reporting.Renderer().Render(model, ReportFormat.Html);

        // Past Scriban's default 1 MiB output limit, which would have cut the page silently.
        Assert.True(html.Length > 1024 * 1024, $"html is {html.Length} characters");
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Equal(20_000, BindingRows(html));
        Assert.Contains("sa-19999", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_top_n_keeps_the_large_report_usable_and_the_csv_complete()
    {
        var model = Model(topN: 50);
        var html = Reporting.Renderer().Render(model, ReportFormat.Html);
        var csv = Reporting.Renderer().Render(model, ReportFormat.Csv);
        var md = Reporting.Renderer().Render(model, ReportFormat.Markdown);

        Assert.Contains("Showing the first 50 of 20,000 bindings", html, StringComparison.Ordinal);
        Assert.Equal(50, BindingRows(html));
        Assert.Contains("Showing the first 50 of 20,000 bindings; the CSV report lists every binding.", md, StringComparison.Ordinal);
        Assert.EndsWith("The CSV report lists every binding.\n", md, StringComparison.Ordinal);
        Assert.Equal(20_001, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(20_000, model.Summary.TotalBindings);
        Assert.Equal(40, model.Clusters.Count);
    }

    [Fact]
    public void The_model_holds_the_first_top_n_rows_of_each_list_and_json_and_csv_read_every_row_again()
    {
        var input = ReportScenario.Large(20_000);
        var feed = new CountingFeed(new HeldBindings(input.Assessment.Bindings));
        var model = new ReportModelBuilder(new ReportSettings { TopN = 50 }, new RewriterTrustProjection()).Build(input with { Feed = feed });
        var tallied = feed.Reads;

        var html = Reporting.Renderer().Render(model, ReportFormat.Html);
        Reporting.Renderer().Render(model, ReportFormat.Markdown);

        // The bindings were read once to count and once for the trust diffs' roles; HTML and Markdown read none again.
        Assert.Equal(2, tallied);
        Assert.Equal(tallied, feed.Reads);
        var rows = Assert.IsType<RowList<BindingRowView>>(model.Bindings);
        Assert.Equal((20_000, 50), (rows.Count, rows.Head.Count));
        Assert.Equal(50, BindingRows(html));
        // So do the Keep-IRSA and Broken lists (thousands each here): only the first TopN are held.
        var keep = Assert.IsType<RowList<KeepIrsaView>>(model.KeepIrsa);
        var broken = Assert.IsType<RowList<BrokenView>>(model.Broken);
        Assert.True(keep.Count > 1_000 && broken.Count > 1_000, $"keep {keep.Count}, broken {broken.Count}");
        Assert.Equal((50, 50), (keep.Head.Count, broken.Head.Count));
        var notHeld = Assert.Throws<InvalidOperationException>(() => rows[50]);
        Assert.Contains("row 50 of 20000 is not held", notHeld.Message, StringComparison.Ordinal);

        // JSON writes every row of each list, read again in order; the CSV every binding.
        var json = System.Text.Json.JsonDocument.Parse(Reporting.Renderer().Render(model, ReportFormat.Json)).RootElement;
        Assert.Equal(keep.Count, json.GetProperty("keepIrsa").GetArrayLength());
        Assert.Equal(broken.Count, json.GetProperty("broken").GetArrayLength());
        Assert.Equal(20_000, json.GetProperty("bindings").GetArrayLength());
        Assert.Equal(keep.Head.Select(k => k.Binding), json.GetProperty("keepIrsa").EnumerateArray().Take(50).Select(k => k.GetProperty("binding").GetString()));
        Assert.Equal("sa-19999", json.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("serviceAccount").GetString()).Max(StringComparer.Ordinal));
        var csv = Reporting.Renderer().Render(model, ReportFormat.Csv);
        Assert.Equal(20_001, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(feed.Reads > tallied, $"{feed.Reads} reads");
    }

    /// <summary>Counts the reads of a feed.</summary>
    private sealed class CountingFeed(IBindingFeed inner) : IBindingFeed
    {
        public int Reads { get; private set; }

        public IEnumerable<Migrator.Core.Assessment.BindingAssessment> Read(Migrator.Core.Ports.AssessmentParts parts)
        {
            Reads++;
            return inner.Read(parts);
        }
    }

    [Fact]
    public void A_plan_of_a_thousand_phases_lists_those_needing_attention_and_the_next_pending_ones()
    {
        var input = ReportScenario.Small();
        var phases = Enumerable.Range(0, 1_200).Select(i => new Migrator.Core.Ports.PhaseProgressView(
            i, $"Wave {i:0000}", i switch { < 10 => "Completed", 600 => "Failed", _ => "Pending" }, 4, i < 10 ? 4 : 0, i == 600 ? 1 : 0, 0, null, null)).ToList();
        input = input with { Plan = input.Plan! with { Phases = phases } };
        var model = new ReportModelBuilder(new ReportSettings { TopN = 50 }, new RewriterTrustProjection()).Build(input);

        var html = Reporting.Renderer().Render(model, ReportFormat.Html);
        var md = Reporting.Renderer().Render(model, ReportFormat.Markdown);
        var json = System.Text.Json.JsonDocument.Parse(Reporting.Renderer().Render(model, ReportFormat.Json));

        Assert.Equal(50, model.Plan!.Shown.Count);
        Assert.Contains(model.Plan.Shown, p => p.Name == "Wave 0600");
        Assert.Equal(Enumerable.Range(10, 49).Select(i => $"Wave {i:0000}").Append("Wave 0600"), model.Plan.Shown.Select(p => p.Name));
        Assert.Contains("1,200 phases: Pending 1,189, Completed 10, Failed 1. Showing 50", html, StringComparison.Ordinal);
        Assert.Contains("1,200 phases: Pending 1,189, Completed 10, Failed 1. Showing 50", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Wave 0005", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Wave 1199", md, StringComparison.Ordinal);
        Assert.Equal(1_200, json.RootElement.GetProperty("plan").GetProperty("phases").GetArrayLength());
    }

    [Fact]
    public void A_limit_that_is_reached_fails_loudly_instead_of_truncating()
    {
        var model = Model(topN: 20_000);
        var tight = new RenderLimits { OutputLimit = 1024 * 1024 };
        Assert.Throws<ScriptRuntimeException>(() => Reporting.Renderer(tight).Render(model, ReportFormat.Html));
        var loops = new RenderLimits { LoopLimit = 1000 };
        Assert.Throws<ScriptRuntimeException>(() => Reporting.Renderer(loops).Render(model, ReportFormat.Html));
    }

    /// <summary>Rows of the binding table (id t-bindings) only.</summary>
    private static int BindingRows(string html)
    {
        var start = html.IndexOf("id=\"t-bindings\"", StringComparison.Ordinal);
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return CountOf(html[start..end], "<tr><th scope=\"row\"");
    }

    private static int CountOf(string text, string what)
    {
        int count = 0, at = 0;
        while ((at = text.IndexOf(what, at, StringComparison.Ordinal)) >= 0) { count++; at += what.Length; }
        return count;
    }
}
