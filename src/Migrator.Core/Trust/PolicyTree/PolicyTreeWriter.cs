using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Migrator.Core.Trust.PolicyTree;

/// <summary>
/// Writes <see cref="PolicyNode"/>s back as JSON in document order. Two layouts: compact (what IAM GetRole returns once
/// URL-decoded) and indented with two spaces; the rewriter keeps the layout of the document it was given.
/// Nodes still holding their source text are copied verbatim; new or changed nodes are written fresh: numbers and
/// booleans keep their literal text, strings are re-escaped minimally.
/// </summary>
public static class PolicyTreeWriter
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>
    /// Writes the node; unchanged nodes (with <see cref="PolicyNode.Source"/>) are copied verbatim. The text is built
    /// with room for <paramref name="expectedLength"/> characters (a rewrite: about its document's length).
    /// </summary>
    public static string Write(PolicyNode node, bool indented, int expectedLength = 256)
    {
        var sb = new StringBuilder(expectedLength);
        Write(sb, node, indented, 0, verbatim: true);
        return sb.ToString();
    }

    /// <summary>
    /// The document written fresh (not verbatim) in the chosen layout, e.g. to show a readable diff of a compact
    /// policy; null when it is not valid JSON.
    /// </summary>
    public static string? Reformat(string json, bool indented)
    {
        var (root, error) = PolicyTreeReader.Read(Trust.PolicyDocumentText.Decode(json));
        if (error is not null || root is null)
            return null;
        return Fresh(root, indented);
    }

    /// <summary>The node written fresh in the chosen layout, ignoring the source text it was read from.</summary>
    public static string Fresh(PolicyNode node, bool indented)
    {
        var sb = new StringBuilder();
        Write(sb, node, indented, 0, verbatim: false);
        return sb.ToString();
    }

    /// <summary>True when the text spreads over several lines (then rewrites are indented, else compact).</summary>
    public static bool LooksIndented(string text) => text.Contains('\n', StringComparison.Ordinal);

    public static string Quote(string value) => "\"" + Encoder.Encode(value) + "\"";

    /// <summary>Verbatim: nodes holding their source text are copied, and one-line nodes stay on one line.</summary>
    private static void Write(StringBuilder sb, PolicyNode node, bool indented, int depth, bool verbatim)
    {
        if (verbatim && node.HasSource)
        {
            sb.Append(node.SourceRange);
            return;
        }
        if (verbatim && indented && node.Inline)
        {
            Write(sb, node, indented: false, depth, verbatim);
            return;
        }
        switch (node)
        {
            case PolicyString t:
                sb.Append(Quote(t.Value));
                break;
            case PolicyLiteral l:
                sb.Append(l.Raw);
                break;
            case PolicyArray list:
                WriteContainer(sb, '[', ']', list.Items.Count, indented, depth, (i, d) => Write(sb, list.Items[i], indented, d, verbatim));
                break;
            case PolicyObject map:
                WriteContainer(sb, '{', '}', map.Properties.Count, indented, depth, (i, d) =>
                {
                    sb.Append(Quote(map.Properties[i].Name)).Append(indented ? ": " : ":");
                    Write(sb, map.Properties[i].Value, indented, d, verbatim);
                });
                break;
            default:
                throw new ArgumentException($"unknown JSON node {node.GetType().Name}", nameof(node));
        }
    }

    private static void WriteContainer(StringBuilder sb, char open, char close, int count, bool indented, int depth, Action<int, int> item)
    {
        sb.Append(open);
        if (count == 0)
        {
            sb.Append(close);
            return;
        }
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            if (indented) sb.Append('\n').Append(' ', (depth + 1) * 2);
            item(i, depth + 1);
        }
        if (indented) sb.Append('\n').Append(' ', depth * 2);
        sb.Append(close);
    }
}
