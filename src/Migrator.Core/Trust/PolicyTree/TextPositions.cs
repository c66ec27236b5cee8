using System.Text;

namespace Migrator.Core.Trust.PolicyTree;

/// <summary>Turns UTF-8 byte offsets (what Utf8JsonReader reports) into 1-based line and character column.</summary>
internal sealed class TextPositions
{
    private readonly byte[] _bytes;
    private readonly string _text;
    private readonly int[] _charAt;
    private readonly List<int> _lineStarts = [0];

    public TextPositions(byte[] bytes, string text)
    {
        _bytes = bytes;
        _text = text;
        _charAt = new int[bytes.Length + 1];
        var chars = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            _charAt[i] = chars;
            if (bytes[i] == (byte)'\n')
                _lineStarts.Add(i + 1);
            // A UTF-8 lead byte starts a character: 1 UTF-16 unit, or 2 for a 4-byte sequence (surrogate pair).
            if ((bytes[i] & 0xC0) != 0x80)
                chars += bytes[i] >= 0xF0 ? 2 : 1;
        }
        _charAt[bytes.Length] = chars;
    }

    /// <summary>The text between two byte offsets (token boundaries).</summary>
    public string Slice(long fromByte, long toByte) => _text[_charAt[fromByte].._charAt[toByte]];

    public (int Line, int Column) FromOffset(long offset)
    {
        var index = _lineStarts.BinarySearch((int)offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, Chars(_lineStarts[line], (int)offset) + 1);
    }

    /// <summary>From the reader's zero-based line number and byte position within that line.</summary>
    public (int Line, int Column) FromLineAndByte(int line, int bytePositionInLine)
    {
        line = Math.Clamp(line, 0, _lineStarts.Count - 1);
        var start = _lineStarts[line];
        var end = Math.Min(_bytes.Length, start + bytePositionInLine);
        return (line + 1, Chars(start, end) + 1);
    }

    private int Chars(int from, int to) => to <= from ? 0 : Encoding.UTF8.GetCharCount(_bytes, from, to - from);
}
