using Migrator.Reports;
using Migrator.Reports.Rendering;

namespace Migrator.Integration.Tests.Reports;

public class ReportRenderingTests
{
    internal static string TemplatesPath => Path.Combine(AppContext.BaseDirectory, "templates");

    internal static ReportRenderer Renderer() => new(TemplatesPath);

    internal static Migrator.Reports.Model.ReportModel SmallModel(bool hostile = false) =>
        new ReportModelBuilder(new ReportSettings { TopN = 50 }, new FakeTrustProjection()).Build(ReportScenario.Small(hostile));

    [Fact]
    public void Small_estate_renders_html_and_markdown()
    {
        var model = SmallModel();
        var html = Renderer().Render(model, ReportFormat.Html);
        var md = Renderer().Render(model, ReportFormat.Markdown);
        var dir = Path.Combine(Path.GetTempPath(), "report-smoke");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "r.html"), html);
        File.WriteAllText(Path.Combine(dir, "r.md"), md);
        Assert.Contains("</html>", html, StringComparison.Ordinal);
    }
}
