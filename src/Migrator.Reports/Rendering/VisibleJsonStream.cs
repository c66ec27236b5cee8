using System.Globalization;
using System.Text;

namespace Migrator.Reports.Rendering;

/// <summary>
/// A write-only stream in front of a JSON file that writes each hidden character (<see cref="VisibleText.IsHidden"/>,
/// other than the line breaks and tabs of the layout) of the UTF-8 passing through as \uXXXX, as
/// <see cref="VisibleText.EscapeJson"/> does to a whole string: a report's JSON is written as it is serialized, never
/// held. Hidden characters are in the Basic Multilingual Plane, so only one- to three-byte sequences are decoded; a
/// sequence cut between two writes is completed by the next.
/// </summary>
public sealed class VisibleJsonStream(Stream inner) : Stream
{
    private readonly byte[] _pending = new byte[4];
    private int _pendingLength;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var i = 0;
        // A sequence begun in the previous write.
        while (_pendingLength > 0 && i < buffer.Length)
        {
            _pending[_pendingLength++] = buffer[i++];
            if (_pendingLength == SequenceLength(_pending[0]))
            {
                Emit(_pending.AsSpan(0, _pendingLength));
                _pendingLength = 0;
            }
        }
        var safeFrom = i;
        while (i < buffer.Length)
        {
            var b = buffer[i];
            if (b is >= 0x20 and < 0x7F)
            {
                i++;
                continue;
            }
            var length = SequenceLength(b);
            if (i + length > buffer.Length)
            {
                inner.Write(buffer[safeFrom..i]);
                buffer[i..].CopyTo(_pending);
                _pendingLength = buffer.Length - i;
                return;
            }
            inner.Write(buffer[safeFrom..i]);
            Emit(buffer.Slice(i, length));
            i += length;
            safeFrom = i;
        }
        inner.Write(buffer[safeFrom..]);
    }

    /// <summary>One character's bytes: as they are, or as \uXXXX when hidden.</summary>
    private void Emit(ReadOnlySpan<byte> sequence)
    {
        var c = sequence.Length switch
        {
            1 => (char)sequence[0],
            2 => (char)(((sequence[0] & 0x1F) << 6) | (sequence[1] & 0x3F)),
            3 => (char)(((sequence[0] & 0x0F) << 12) | ((sequence[1] & 0x3F) << 6) | (sequence[2] & 0x3F)),
            _ => '\0',
        };
        if (sequence.Length <= 3 && VisibleText.IsHidden(c) && c is not ('\n' or '\r' or '\t'))
            inner.Write(Encoding.ASCII.GetBytes("\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)));
        else
            inner.Write(sequence);
    }

    /// <summary>How many bytes the UTF-8 sequence a lead byte begins has (a stray continuation byte stands alone).</summary>
    private static int SequenceLength(byte lead) => lead switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        _ => 4,
    };

    /// <summary>Flushes what is complete: a sequence cut by the last write waits for its end.</summary>
    public override void Flush() => inner.Flush();

    /// <summary>Writes a sequence left cut (not UTF-8 a serializer writes) as it is; the inner stream stays open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _pendingLength > 0)
        {
            inner.Write(_pending.AsSpan(0, _pendingLength));
            _pendingLength = 0;
        }
        if (disposing) inner.Flush();
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
