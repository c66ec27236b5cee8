using System.Globalization;
using System.Net;
using System.Text;

namespace Migrator.Reports.Rendering;

/// <summary>
/// Escaping and formatting functions the templates call. HTML: <c>h</c> (every value, text and attributes).
/// Markdown: <c>md</c> (inline text and table cells), <c>fence</c> (a code fence longer than any backtick run inside).
/// </summary>
public static class TemplateFunctions
{
    /// <summary>HTML-escapes text for element content and quoted attributes (&amp; &lt; &gt; " ').</summary>
    // Hidden characters (U+202E, zero-width...) are shown as \uXXXX and very long single-line values cut (VisibleText).
    public static string Html(object? value) => WebUtility.HtmlEncode(VisibleText.ForDisplay(Text(value)));

    /// <summary>
    /// Markdown inline text that cannot break a table or inject markup: backslash-escapes the GFM punctuation that
    /// matters (pipes, backticks, emphasis, links), entity-encodes &lt; &gt; &amp;, and turns newlines into &lt;br&gt;.
    /// </summary>
    public static string Markdown(object? value)
    {
        var text = VisibleText.ForDisplay(Text(value));
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\\' or '|' or '`' or '*' or '_' or '[' or ']' or '#' or '~':
                    sb.Append('\\').Append(ch);
                    break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r': break;
                case '\n': sb.Append("<br>"); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A backtick fence longer than the longest backtick run in the text (at least three).</summary>
    public static string Fence(object? value)
    {
        var text = Text(value);
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return new string('`', Math.Max(3, longest + 1));
    }

    /// <summary>Whole number with thousands separators: 20000 → 20,000.</summary>
    public static string Number(object? value) => value switch
    {
        null => "",
        int i => i.ToString("N0", CultureInfo.InvariantCulture),
        long l => l.ToString("N0", CultureInfo.InvariantCulture),
        double d => d.ToString("#,0.#", CultureInfo.InvariantCulture),
        _ => Text(value),
    };

    /// <summary>Percentage with at most one decimal: 26.5 → 26.5%.</summary>
    public static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Signed delta: +3, −2, or "±0".</summary>
    public static string Delta(object? value) => value switch
    {
        null => "",
        int i when i > 0 => "+" + i.ToString("N0", CultureInfo.InvariantCulture),
        int i when i < 0 => "−" + (-i).ToString("N0", CultureInfo.InvariantCulture),
        int => "±0",
        _ => Text(value),
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
