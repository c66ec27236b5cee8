using Migrator.Reports;
using Migrator.Reports.Model;
using Migrator.Reports.Rendering;

namespace Migrator.Integration.Tests.Reports;

/// <summary>Shared helpers: the templates shipped next to the test binary and the small scenario's model.</summary>
internal static class Reporting
{
    public static string TemplatesPath => Path.Combine(AppContext.BaseDirectory, "templates");

    public static ReportRenderer Renderer(RenderLimits? limits = null) => new(TemplatesPath, limits);

    public static ReportModel SmallModel(bool hostile = false, bool scope = false) =>
        new ReportModelBuilder(new ReportSettings { TopN = 50 }, new RewriterTrustProjection()).Build(ReportScenario.Small(hostile, scope));

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "migrator-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
