using System.Diagnostics;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

/// <summary>The HTML report opened in real headless Chromium (Debian package 'chromium', installed by .ci/run).</summary>
public class ChromiumReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Counts script errors and alert() calls, written into the DOM at load so --dump-dom can read them.</summary>
    private const string Probe =
        "<script>window.__errors=0;window.__alerts=0;window.addEventListener('error',function(){window.__errors++;});" +
        "window.alert=function(){window.__alerts++;};window.addEventListener('load',function(){" +
        "document.body.setAttribute('data-errors',String(window.__errors));document.body.setAttribute('data-alerts',String(window.__alerts));});</script>";

    private static async Task<(string Stdout, string Stderr)> RunChromium(string dir, params string[] args)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (the CI script does).");
        var start = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={Path.Combine(dir, "profile-" + Guid.NewGuid().ToString("N"))}" })
            start.ArgumentList.Add(flag);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung browser, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (await stdout, await stderr);
    }

    private static string WriteReport(string dir, bool hostile)
    {
        var html = Reporting.Renderer().Render(Reporting.SmallModel(hostile, scope: true), ReportFormat.Html);
        var path = Path.Combine(dir, hostile ? "hostile.html" : "report.html");
        File.WriteAllText(path, html.Replace("<head>", "<head>" + Probe, StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public async Task Report_runs_in_chromium_without_script_errors_and_hostile_values_stay_inert()
    {
        var dir = Reporting.TempDir();
        var path = WriteReport(dir, hostile: true);

        var (dom, stderr) = await RunChromium(dir, "--dump-dom", new Uri(path).AbsoluteUri);

        Assert.Contains("data-report-ready=\"true\"", dom, StringComparison.Ordinal); // our inline script ran to its end
        Assert.Contains("data-errors=\"0\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-alerts=\"0\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("Uncaught", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Report_screenshot_is_not_blank(int width, int height)
    {
        var dir = Reporting.TempDir();
        var path = WriteReport(dir, hostile: false);
        var shot = Path.Combine(dir, $"report-{width}.png");

        await RunChromium(dir, $"--screenshot={shot}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(path).AbsoluteUri);

        Assert.True(File.Exists(shot), "chromium wrote no screenshot");
        var png = PngImage.Decode(File.ReadAllBytes(shot));
        Assert.Equal((width, height), (png.Width, png.Height));
        var colours = png.Pixels.Distinct().Count();
        var inked = png.Pixels.Count(p => p != 0xFFFFFF) / (double)png.Pixels.Length;
        Assert.True(colours > 50, $"only {colours} distinct colours: the page looks blank");
        Assert.True(inked > 0.05, $"only {inked:P1} of the pixels are not white");
        var keep = Environment.GetEnvironmentVariable("REPORT_SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(keep))
            File.Copy(shot, Path.Combine(keep, Path.GetFileName(shot)), overwrite: true);
    }
}
