using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Migrator.Storage;

/// <summary>
/// JSON text for large documents (a 20,000-binding plan's header is about 9 MB). <see
/// cref="JsonSerializer.Serialize{TValue}(TValue, JsonSerializerOptions?)"/> grows one buffer from the shared array pool
/// to the document's size, and the pool keeps its largest arrays for the rest of the process (measured: 32–35 MB left on
/// the large object heap after planning, the worker's included). Here the UTF-8 is written in chunks below the large
/// object threshold and decoded once into the string: the string is the only large allocation.
/// </summary>
internal static class UnpooledJson
{
    public static string Serialize<T>(T value, JsonSerializerOptions options)
    {
        var chunks = new Utf8Chunks();
        using (var writer = new Utf8JsonWriter(chunks, new JsonWriterOptions
        {
            Encoder = options.Encoder, Indented = options.WriteIndented, IndentCharacter = options.IndentCharacter, IndentSize = options.IndentSize,
            NewLine = options.NewLine, MaxDepth = options.MaxDepth,
        }))
        {
            JsonSerializer.Serialize(writer, value, options);
        }
        return chunks.Decode();
    }

    /// <summary>UTF-8 written into arrays of at most <see cref="ChunkSize"/> bytes (small objects), decoded as one string.</summary>
    private sealed class Utf8Chunks : IBufferWriter<byte>
    {
        private const int ChunkSize = 64 * 1024;
        private readonly List<(byte[] Bytes, int Length)> _full = [];
        private byte[] _current = new byte[ChunkSize];
        private int _used;

        public void Advance(int count) => _used += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            var at = Reserve(sizeHint); // first: it may start a new chunk
            return _current.AsMemory(at);
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        /// <summary>Makes room for <paramref name="sizeHint"/> bytes (at least one) in the current chunk; returns where they start.</summary>
        private int Reserve(int sizeHint)
        {
            var needed = Math.Max(1, sizeHint);
            if (_current.Length - _used < needed)
            {
                _full.Add((_current, _used));
                _current = new byte[Math.Max(ChunkSize, needed)];
                _used = 0;
            }
            return _used;
        }

        public string Decode()
        {
            List<(byte[] Bytes, int Length)> chunks = [.. _full, (_current, _used)];
            // A chunk may end inside a character: one stateful decoder counts, a fresh one writes.
            var counter = Encoding.UTF8.GetDecoder();
            var length = 0;
            for (var i = 0; i < chunks.Count; i++)
                length += counter.GetCharCount(chunks[i].Bytes, 0, chunks[i].Length, flush: i == chunks.Count - 1);
            return string.Create(length, chunks, static (text, chunks) =>
            {
                var decoder = Encoding.UTF8.GetDecoder();
                var at = 0;
                for (var i = 0; i < chunks.Count; i++)
                    at += decoder.GetChars(chunks[i].Bytes.AsSpan(0, chunks[i].Length), text[at..], flush: i == chunks.Count - 1);
            });
        }
    }
}
