using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Migrator.Reports.Rendering;

/// <summary>
/// Loads partials for <c>include</c> from one folder only: a name that resolves outside it (../, absolute paths,
/// links elsewhere) is refused, so a template cannot read arbitrary files.
/// </summary>
public sealed class TemplateFolderLoader : ITemplateLoader
{
    private readonly string _root;

    public TemplateFolderLoader(string root) =>
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;

    public string Root => _root;

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        if (string.IsNullOrWhiteSpace(templateName) || Path.IsPathRooted(templateName))
            throw new ScriptRuntimeException(callerSpan, $"Template '{templateName}' must be a relative name inside the templates folder.");
        var full = Path.GetFullPath(Path.Combine(_root, templateName));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
            throw new ScriptRuntimeException(callerSpan, $"Template '{templateName}' resolves outside the templates folder '{_root}'.");
        return full;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        File.Exists(templatePath)
            ? File.ReadAllText(templatePath)
            : throw new ScriptRuntimeException(callerSpan, $"Template '{templatePath}' was not found.");

    public async ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        File.Exists(templatePath)
            ? await File.ReadAllTextAsync(templatePath)
            : throw new ScriptRuntimeException(callerSpan, $"Template '{templatePath}' was not found.");
}
