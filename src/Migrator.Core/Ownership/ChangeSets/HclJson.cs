using System.Text;
using System.Text.Json;

namespace Migrator.Core.Ownership.ChangeSets;

/// <summary>
/// A JSON document as an HCL expression for jsonencode(...): objects with quoted keys and aligned '=' (as terraform fmt
/// lays them out), tuples one element a line, and "${" / "%{" escaped so a policy variable is not read as a template.
/// </summary>
public static class HclJson
{
    public static string Of(string json, int indent)
    {
        using var doc = JsonDocument.Parse(json);
        var sb = new StringBuilder();
        Write(sb, doc.RootElement, indent);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonElement e, int indent)
    {
        var pad = new string(' ', indent + 2);
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var props = e.EnumerateObject().ToList();
                if (props.Count == 0) { sb.Append("{}"); return; }
                sb.Append("{\n");
                // terraform fmt aligns the '=' of consecutive single-line attributes; a multi-line value ends a run.
                var run = new List<JsonProperty>();
                void Flush()
                {
                    var width = run.Count == 0 ? 0 : run.Max(p => Quote(p.Name).Length);
                    foreach (var p in run)
                    {
                        sb.Append(pad).Append(Quote(p.Name).PadRight(width)).Append(" = ");
                        Write(sb, p.Value, indent + 2);
                        sb.Append('\n');
                    }
                    run.Clear();
                }
                foreach (var p in props)
                {
                    if (IsMultiLine(p.Value))
                    {
                        Flush();
                        sb.Append(pad).Append(Quote(p.Name)).Append(" = ");
                        Write(sb, p.Value, indent + 2);
                        sb.Append('\n');
                    }
                    else
                    {
                        run.Add(p);
                    }
                }
                Flush();
                sb.Append(' ', indent).Append('}');
                return;
            case JsonValueKind.Array:
                var items = e.EnumerateArray().ToList();
                if (items.Count == 0) { sb.Append("[]"); return; }
                sb.Append("[\n");
                foreach (var item in items)
                {
                    sb.Append(pad);
                    Write(sb, item, indent + 2);
                    sb.Append(",\n");
                }
                sb.Append(' ', indent).Append(']');
                return;
            case JsonValueKind.String:
                sb.Append(Quote(e.GetString()!));
                return;
            default:
                sb.Append(e.GetRawText());
                return;
        }
    }

    private static bool IsMultiLine(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any() || e.ValueKind == JsonValueKind.Array && e.EnumerateArray().Any();

    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString().Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);
    }

    /// <summary>A Terraform name: letters, digits, '_' and '-', starting with a letter or '_'.</summary>
    public static string Label(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (sb.Length == 0 || char.IsAsciiDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }
}
