using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Migrator.Storage;

/// <summary>
/// JSON text for large documents (a 20,000-binding plan's header is about 9 MB) written through a buffer of its own.
/// <see cref="JsonSerializer.Serialize{TValue}(TValue, JsonSerializerOptions?)"/> grows its buffer from the shared
/// array pool, which keeps the largest arrays it handed out (measured: 32–35 MB left on the large object heap after
/// planning, for the rest of the process, the worker's included); this buffer is garbage once the text is made.
/// </summary>
internal static class UnpooledJson
{
    public static string Serialize<T>(T value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = options.Encoder, Indented = options.WriteIndented, IndentCharacter = options.IndentCharacter, IndentSize = options.IndentSize,
            NewLine = options.NewLine, MaxDepth = options.MaxDepth,
        }))
            JsonSerializer.Serialize(writer, value, options);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
