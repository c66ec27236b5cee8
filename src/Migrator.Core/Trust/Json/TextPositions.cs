using System.Text;

namespace Migrator.Core.Trust.Json;

/// <summary>Turns UTF-8 byte offsets (what Utf8JsonReader reports) into 1-based line and character column.</summary>
internal sealed class TextPositions
{
    private readonly byte[] _bytes;
    private readonly List<int> _lineStarts = [0];

    public TextPositions(byte[] bytes)
    {
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
                _lineStarts.Add(i + 1);
        }
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
        var end = Math.Min(_bytes.Length, start + bytePositionInLine);
        return (line + 1, Chars(start, end) + 1);
    }

    private int Chars(int from, int to) => to <= from ? 0 : Encoding.UTF8.GetCharCount(_bytes, from, to - from);
}
