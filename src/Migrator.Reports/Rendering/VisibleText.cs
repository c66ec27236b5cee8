using System.Globalization;
using System.Text;

namespace Migrator.Reports.Rendering;

/// <summary>
/// Characters that change how text looks without being seen (bidirectional overrides and isolates such as U+202E,
/// zero-width spaces and joiners, the byte-order mark, other format and control characters) written as visible
/// escapes ("\u202E"), so an ARN or a name cannot be spoofed in a report; and very long single-line values cut in the
/// human formats (the JSON report keeps them whole).
/// </summary>
public static class VisibleText
{
    /// <summary>Longest single-line value HTML and Markdown show whole.</summary>
    public const int MaxShownLength = 512;

    public static bool IsHidden(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
        || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The text with every hidden character as \uXXXX.</summary>
    public static string Reveal(string text)
    {
        if (!text.Any(IsHidden))
            return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsHidden(c))
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Revealed, and a single-line value over <see cref="MaxShownLength"/> cut with its length and where the whole is.</summary>
    public static string ForDisplay(string text)
    {
        var revealed = Reveal(text);
        if (revealed.Length <= MaxShownLength || revealed.Contains('\n', StringComparison.Ordinal))
            return revealed;
        return revealed[..MaxShownLength] + $"… ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; the whole value is in the JSON report)";
    }

    /// <summary>Serialized JSON with hidden characters escaped as \uXXXX (they can only occur inside strings, where the escape means the same).</summary>
    public static string EscapeJson(string json)
    {
        if (!json.Any(IsHidden))
            return json;
        var sb = new StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            if (IsHidden(c) && c is not ('\n' or '\r' or '\t'))
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
