using System.Text;
using CsCheck;
using Migrator.Reports.Rendering;

namespace Migrator.Integration.Tests.Reports;

/// <summary>The JSON report is written as it is serialized: the stream in front of its file escapes what EscapeJson escapes.</summary>
public class VisibleJsonStreamTests
{
    /// <summary>Text mixing plain ASCII, hidden characters (bidi overrides, zero-width, BOM, C0/C1 controls, separators) and visible non-ASCII.</summary>
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char['a', 'z'].Select(c => c.ToString()),
            Gen.OneOf<char>('\u202E', '\u200B', '\u200D', '\uFEFF', '\u2028', '\u2029', '\u0001', '\u007F', '\u0085', '\u009F', '\n', '\t').Select(c => c.ToString()),
            Gen.OneOf<char>('é', 'ß', '→', '中', 'Ω', '\u00A0').Select(c => c.ToString()),
            Gen.OneOf<string>("😀", "\U000E0001"))
        .Array[0, 60]
        .Select(parts => string.Concat(parts));

    [Fact]
    public void Written_in_any_pieces_it_gives_the_escaped_text_of_the_whole()
    {
        Gen.Select(Text, Gen.Int[1, 7].Array[1, 20]).Sample((text, cuts) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            using var output = new MemoryStream();
            using (var visible = new VisibleJsonStream(output))
            {
                var at = 0;
                for (var i = 0; at < bytes.Length; i++)
                {
                    var n = Math.Min(cuts[i % cuts.Length], bytes.Length - at);
                    visible.Write(bytes, at, n);
                    if (i % 3 == 0) visible.Flush();
                    at += n;
                }
            }
            return Encoding.UTF8.GetString(output.ToArray()) == VisibleText.EscapeJson(text);
        }, iter: 2_000);
    }

    [Fact]
    public void A_right_to_left_override_cut_between_two_writes_is_still_escaped()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"role\":\"arn:aws:iam::1:role/a\u202Eb\"}");
        var cut = Array.IndexOf(bytes, (byte)0xE2) + 1;
        using var output = new MemoryStream();
        using (var visible = new VisibleJsonStream(output))
        {
            visible.Write(bytes, 0, cut);
            visible.Flush();
            visible.Write(bytes, cut, bytes.Length - cut);
        }

        Assert.Equal("{\"role\":\"arn:aws:iam::1:role/a\\u202Eb\"}", Encoding.UTF8.GetString(output.ToArray()));
    }
}
