using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Migrator.Reports.Model;
using Scriban;
using Scriban.Runtime;

namespace Migrator.Reports.Rendering;

/// <summary>
/// Renders the view model: HTML and Markdown through Scriban templates (templates/report.html.sbn, report.md.sbn,
/// partials under templates/partials), JSON (the view model itself) and CSV (every binding). Writes timestamped files
/// plus latest.* into an output folder.
/// </summary>
public sealed class ReportRenderer
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new Core.Text.IsoDurationJsonConverter() },
    };

    /// <summary>
    /// Parsed templates by full path, reused while the file is unchanged: parsing the report and its partials costs more
    /// than rendering a top-N report, and every report of a process (and every test) renders the same files.
    /// </summary>
    private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, Template Template)> Parsed = new(StringComparer.Ordinal);

    private readonly TemplateFolderLoader _loader;
    private readonly RenderLimits _limits;

    public ReportRenderer(string templatesPath, RenderLimits? limits = null)
    {
        if (!Directory.Exists(templatesPath))
            throw new DirectoryNotFoundException($"Report templates folder '{Path.GetFullPath(templatesPath)}' does not exist (setting Reports:TemplatesPath).");
        _loader = new TemplateFolderLoader(templatesPath);
        _limits = limits ?? RenderLimits.Default;
    }

    public string Render(ReportModel model, ReportFormat format) => format switch
    {
        ReportFormat.Html => RenderTemplate("report.html.sbn", model),
        ReportFormat.Markdown => RenderTemplate("report.md.sbn", model),
        ReportFormat.Json => JsonText(model),
        _ => BindingCsv.Write(model),
    };

    private static string JsonText(ReportModel model)
    {
        using var buffer = new MemoryStream();
        WriteJson(model, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The model as JSON, written as it is serialized (its long lists read row by row), hidden characters escaped.</summary>
    private static void WriteJson(ReportModel model, Stream output)
    {
        using var visible = new VisibleJsonStream(output);
        JsonSerializer.Serialize(visible, model, Json);
    }

    /// <summary>
    /// One format into its file. JSON and CSV write every binding: they are written as the rows are read (from the
    /// state file, for a stored run), never held whole; HTML and Markdown show at most TopN rows of a list.
    /// </summary>
    private void WriteFile(ReportModel model, ReportFormat format, string path)
    {
        switch (format)
        {
            case ReportFormat.Json:
                using (var file = File.Create(path))
                    WriteJson(model, file);
                break;
            case ReportFormat.Csv:
                using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                    BindingCsv.Write(writer, model.RunId, model.Bindings);
                break;
            default:
                File.WriteAllText(path, Render(model, format));
                break;
        }
    }

    /// <summary>
    /// Writes report-RUN-yyyyMMdd-HHmmss.EXT for each format and, when <paramref name="refreshLatest"/> (the report is
    /// of the newest run), latest.EXT; returns the paths written. A folder that cannot be written is a
    /// <see cref="ReportInputException"/> naming it and the fix.
    /// </summary>
    public IReadOnlyList<string> Write(ReportModel model, IEnumerable<ReportFormat> formats, string outputDirectory, DateTimeOffset at, bool refreshLatest = true)
    {
        try
        {
            return WriteFiles(model, formats, outputDirectory, at, refreshLatest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ReportInputException($"cannot write the report into '{Path.GetFullPath(outputDirectory)}': {e.Message} Choose a writable folder with --out DIR (or Reports:OutputPath).");
        }
    }

    private List<string> WriteFiles(ReportModel model, IEnumerable<ReportFormat> formats, string outputDirectory, DateTimeOffset at, bool refreshLatest)
    {
        Directory.CreateDirectory(outputDirectory);
        var stamp = at.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var written = new List<string>();
        // The formats are written side by side (each from its own TemplateContext; the parsed templates are only read):
        // on a 20,000-binding report HTML and Markdown each take hundreds of milliseconds.
        var list = formats.Distinct().ToList();
        var paths = list.Select(f => Path.Combine(outputDirectory, $"report-run{model.RunId}-{stamp}.{ReportFormats.Extension(f)}")).ToList();
        try
        {
            Parallel.For(0, list.Count, i => WriteFile(model, list[i], paths[i]));
        }
        catch (AggregateException e)
        {
            // A file that cannot be written (or a stored run that cannot be read again) is the format's own error, as
            // when the formats were written one after the other: not a bundle of them.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        for (var i = 0; i < list.Count; i++)
        {
            written.Add(paths[i]);
            if (!refreshLatest)
                continue;
            var latest = Path.Combine(outputDirectory, $"latest.{ReportFormats.Extension(list[i])}");
            File.Copy(paths[i], latest, overwrite: true);
            written.Add(latest);
        }
        return written;
    }

    private string RenderTemplate(string name, ReportModel model)
    {
        var context = new TemplateContext
        {
            TemplateLoader = _loader,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = _limits.LoopLimit,
            OutputLimit = _limits.OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            LimitToString = _limits.StringLimit,
            OnStringLimit = ScriptLimitBehavior.Throw,
            NewLine = "\n",
        };
        var globals = new ScriptObject();
        globals.SetValue("report", TemplateModel(model), true);
        globals.SetValue("charts", ChartBuilder.Build(model), true);
        globals.Import("h", new Func<object?, string>(TemplateFunctions.Html));
        globals.Import("md", new Func<object?, string>(TemplateFunctions.Markdown));
        globals.Import("fence", new Func<object?, string>(TemplateFunctions.Fence));
        globals.Import("num", new Func<object?, string>(TemplateFunctions.Number));
        globals.Import("pct", new Func<double, string>(TemplateFunctions.Percent));
        globals.Import("delta", new Func<object?, string>(TemplateFunctions.Delta));
        context.PushGlobal(globals);

        // Partials come from the same cache: Scriban looks an include up in CachedTemplates (by the loader's path)
        // before it asks the loader, which still resolves and confines every include name.
        foreach (var partial in Directory.EnumerateFiles(_loader.Root, "*.sbn", SearchOption.AllDirectories))
            context.CachedTemplates[partial] = Load(partial);
        var path = _loader.GetPath(context, default, name);
        return Load(path).Render(context);
    }

    /// <summary>
    /// The model as templates see it: its members by their snake_case names, the long lists as the rows held
    /// (<see cref="TemplateRows"/>) with their whole counts.
    /// </summary>
    private static ScriptObject TemplateModel(ReportModel model)
    {
        var report = new ScriptObject();
        report.Import(model);
        report.SetValue("bindings", TemplateRows.Of(model.Bindings), true);
        report.SetValue("keep_irsa", TemplateRows.Of(model.KeepIrsa), true);
        report.SetValue("broken", TemplateRows.Of(model.Broken), true);
        report.SetValue("cleanup", TemplateRows.Of(model.Cleanup), true);
        return report;
    }

    private static Template Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"Report template '{path}' was not found.", path);
        if (Parsed.TryGetValue(path, out var cached) && cached.Written == file.LastWriteTimeUtc && cached.Length == file.Length)
            return cached.Template;
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
            throw new InvalidOperationException($"Template {path} does not parse: {string.Join("; ", template.Messages)}");
        Parsed[path] = (file.LastWriteTimeUtc, file.Length, template);
        return template;
    }
}
