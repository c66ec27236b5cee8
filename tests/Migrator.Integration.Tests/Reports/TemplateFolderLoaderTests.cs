using Migrator.Reports.Rendering;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Migrator.Integration.Tests.Reports;

public class TemplateFolderLoaderTests
{
    [Theory]
    [InlineData("../secret.sbn")]
    [InlineData("partials/../../secret.sbn")]
    [InlineData("/etc/passwd")]
    public void Includes_outside_the_templates_folder_are_refused(string name)
    {
        var dir = Reporting.TempDir();
        var root = Path.Combine(dir, "templates");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(dir, "secret.sbn"), "SECRET");
        var loader = new TemplateFolderLoader(root);
        var context = new TemplateContext { TemplateLoader = loader };

        Assert.Throws<ScriptRuntimeException>(() => loader.GetPath(context, default(SourceSpan), name));
        var template = Template.Parse($"{{{{ include '{name}' }}}}");
        var e = Assert.Throws<ScriptRuntimeException>(() => template.Render(context));
        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Includes_inside_the_templates_folder_load()
    {
        var root = Path.Combine(Reporting.TempDir(), "templates");
        Directory.CreateDirectory(Path.Combine(root, "partials"));
        File.WriteAllText(Path.Combine(root, "partials", "p.sbn"), "inside");
        var context = new TemplateContext { TemplateLoader = new TemplateFolderLoader(root) };
        Assert.Equal("inside", Template.Parse("{{ include 'partials/p.sbn' }}").Render(context));
    }
}
