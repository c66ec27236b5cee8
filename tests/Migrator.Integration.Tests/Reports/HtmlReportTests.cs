using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

public partial class HtmlReportTests
{
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Fact]
    public void Html_report_is_well_formed()
    {
        var html = Reporting.Renderer().Render(Reporting.SmallModel(), ReportFormat.Html);
        var doc = Parse(html);
        Assert.Equal("html", doc.Root!.Name.LocalName);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_hostile_values_everywhere()
    {
        var html = Reporting.Renderer().Render(Reporting.SmallModel(hostile: true, scope: true), ReportFormat.Html);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;a|b", html, StringComparison.Ordinal);
        var doc = Parse(html);
        // Our one inline script, nothing injected; no element carries an event handler attribute.
        Assert.Single(doc.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "img");
        Assert.DoesNotContain(doc.Descendants().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_is_self_contained()
    {
        var html = Reporting.Renderer().Render(Reporting.SmallModel(), ReportFormat.Html);
        var doc = Parse(html);
        var refs = doc.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName is "src" or "href").Select(a => a.Value).ToList();
        Assert.All(refs, r => Assert.StartsWith("#", r, StringComparison.Ordinal));
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "link");
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_tables_and_charts_are_accessible()
    {
        var doc = Parse(Reporting.Renderer().Render(Reporting.SmallModel(), ReportFormat.Html));
        var all = doc.Descendants().ToList();
        Assert.All(all.Where(e => e.Name.LocalName == "th"), th => Assert.NotNull(th.Attribute("scope")));
        var charts = all.Where(e => e.Name.LocalName == "svg" && e.Attribute("role")?.Value == "img").ToList();
        Assert.True(charts.Count >= 4, $"expected donut, trend, cluster bars and phase charts; found {charts.Count}");
        Assert.All(charts, svg => Assert.NotNull(svg.Elements().FirstOrDefault(e => e.Name.LocalName == "title")));
        Assert.Contains(all, e => e.Name.LocalName == "h1");
        // Status is said in words, not only by colour.
        Assert.Contains(all, e => e.Attribute("role")?.Value == "status" && e.Value.Contains("Status: Blocked", StringComparison.Ordinal));
    }

    [Fact]
    public void Regressions_are_the_first_section_in_a_red_alert_before_the_headline()
    {
        var html = Reporting.Renderer().Render(Reporting.SmallModel(scope: true), ReportFormat.Html);
        var doc = Parse(html);
        var sections = doc.Descendants().Where(e => e.Name.LocalName == "section").ToList();
        Assert.Equal("regressions", sections[0].Attribute("id")?.Value);
        Assert.Equal("alert", sections[0].Attribute("role")?.Value);
        Assert.Contains("prod-east/orders/api", sections[0].Value, StringComparison.Ordinal);
        Assert.Contains("broken.pod-identity-trust-denies", sections[0].Value, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"regressions\"", StringComparison.Ordinal) < html.IndexOf("class=\"headline\"", StringComparison.Ordinal));
        Assert.Contains(doc.Descendants(), e => e.Attribute("role")?.Value == "status" && e.Value.Contains("Status: Regressed", StringComparison.Ordinal));

        var without = Reporting.Renderer().Render(Reporting.SmallModel(), ReportFormat.Html);
        Assert.DoesNotContain("id=\"regressions\"", without, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_output_in_the_html_templates_goes_through_an_escaping_function()
    {
        var files = Directory.GetFiles(Reporting.TemplatesPath, "*.sbn", SearchOption.AllDirectories)
            .Where(f => f.EndsWith("report.html.sbn", StringComparison.Ordinal) || f.Contains($"{Path.DirectorySeparatorChar}html{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count >= 5);
        var offenders = new List<string>();
        foreach (var file in files)
        {
            foreach (Match m in Code().Matches(File.ReadAllText(file)))
            {
                var code = m.Groups[1].Value.Trim();
                if (Control().IsMatch(code) || Output().IsMatch(code)) continue;
                offenders.Add($"{Path.GetFileName(file)}: {{{{ {code} }}}}");
            }
        }
        Assert.True(offenders.Count == 0, "unescaped output: " + string.Join("; ", offenders));
    }

    [GeneratedRegex(@"\{\{~?(.*?)~?\}\}", RegexOptions.Singleline)]
    private static partial Regex Code();

    /// <summary>Statements that write nothing themselves: control flow, includes, assignments.</summary>
    [GeneratedRegex(@"^(if|else|end|for|include|capture)\b|^[a-z_]+\s*=[^=]")]
    private static partial Regex Control();

    /// <summary>Outputs through h (HTML escape) or the numeric formatters (digits, separators, %, signs only).</summary>
    [GeneratedRegex(@"^(h|num|pct|delta)\s")]
    private static partial Regex Output();
}
