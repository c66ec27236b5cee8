using System.Text;

namespace Migrator.Core.Trust.PolicyTree;

/// <summary>Turns UTF-8 byte offsets (what Utf8JsonReader reports) into 1-based line and character column.</summary>
internal sealed class TextPositions
{
    private readonly byte[] _bytes;
    private readonly string _text;
    // The character offset of each byte offset; null for ASCII text, where the two are the same (a trust policy
    // nearly always), so most reads allocate no map four times the document's size.
    private readonly int[]? _charAt;
    private readonly List<int> _lineStarts = [0];

    /// <summary>Positions in <paramref name="text"/>; <paramref name="bytes"/> is its UTF-8 form (its first <paramref name="length"/> bytes).</summary>
    public TextPositions(byte[] bytes, int length, string text)
    {
        _bytes = bytes;
        _length = length;
        _text = text;
        if (length != text.Length)
            _charAt = new int[length + 1];
        var chars = 0;
        for (var i = 0; i < length; i++)
        {
            if (_charAt is not null)
                _charAt[i] = chars;
            if (bytes[i] == (byte)'\n')
                _lineStarts.Add(i + 1);
            // A UTF-8 lead byte starts a character: 1 UTF-16 unit, or 2 for a 4-byte sequence (surrogate pair).
            if ((bytes[i] & 0xC0) != 0x80)
                chars += bytes[i] >= 0xF0 ? 2 : 1;
        }
        if (_charAt is not null)
            _charAt[length] = chars;
    }

    private readonly int _length;

    /// <summary>The text between two byte offsets (token boundaries), as a range of the text.</summary>
    public ReadOnlyMemory<char> Slice(long fromByte, long toByte)
    {
        var (from, to) = _charAt is null ? ((int)fromByte, (int)toByte) : (_charAt[fromByte], _charAt[toByte]);
        return _text.AsMemory(from, to - from);
    }

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
        var end = Math.Min(_length, start + bytePositionInLine);
        return (line + 1, Chars(start, end) + 1);
    }

    private int Chars(int from, int to) => to <= from ? 0 : Encoding.UTF8.GetCharCount(_bytes, from, to - from);
}
