using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Migrator.Core.Trust.PolicyTree;

/// <summary>
/// Reads a policy document into <see cref="PolicyNode"/>s with Utf8JsonReader, strictly: no comments, no trailing
/// commas, one top-level value, and no duplicate key in any object. System.Text.Json's JsonDocument keeps duplicate
/// keys silently, which would let a document IAM rejects (or reads differently) pass, so keys are tracked per object.
/// Positions are 1-based lines and columns counted in characters of the text given.
/// </summary>
public static class PolicyTreeReader
{
    public static (PolicyNode? Root, TrustPolicyError? Error) Read(string text)
    {
        // The UTF-8 form is needed only while reading: it is rented, not allocated per document.
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            return Read(bytes, length, text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static (PolicyNode? Root, TrustPolicyError? Error) Read(byte[] bytes, int length, string text)
    {
        var positions = new TextPositions(bytes, length, text);
        var reader = new Utf8JsonReader(bytes.AsSpan(0, length), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = 64,
        });
        try
        {
            if (!reader.Read())
                return (null, new TrustPolicyError("the document is empty; a trust policy is a JSON object such as {\"Version\":\"2012-10-17\",\"Statement\":[...]}", 1, 1));
            var root = ReadValue(ref reader, positions, out var duplicate);
            if (duplicate is not null)
                return (null, duplicate);
            // A second top-level value makes the reader throw on this Read (isFinalBlock, no AllowMultipleValues).
            reader.Read();
            return (root, null);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var bytePos = (int)(e.BytePositionInLine ?? 0);
            var (l, c) = positions.FromLineAndByte(line, bytePos);
            return (null, new TrustPolicyError($"JSON syntax error: {Describe(e.Message)}", l, c));
        }
    }

    private static string Describe(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).Trim();
        return text.TrimEnd('.');
    }

    /// <summary>
    /// The property of this name read earlier in the object: by a scan while the object is small (a policy's objects
    /// nearly always are), by a dictionary made once it grows past <see cref="ScanLimit"/> properties.
    /// </summary>
    private static PolicyProperty? Earlier(List<PolicyProperty> properties, ref Dictionary<string, PolicyProperty>? seen, string name)
    {
        if (seen is null && properties.Count >= ScanLimit)
            seen = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (seen is not null)
            return seen.GetValueOrDefault(name);
        foreach (var p in properties)
        {
            if (string.Equals(p.Name, name, StringComparison.Ordinal))
                return p;
        }
        return null;
    }

    private const int ScanLimit = 8;

    private static PolicyNode ReadValue(ref Utf8JsonReader reader, TextPositions positions, out TrustPolicyError? duplicate)
    {
        var start = reader.TokenStartIndex;
        var node = ReadToken(ref reader, positions, out duplicate);
        node.ReadFrom(positions.Slice(start, reader.BytesConsumed));
        return node;
    }

    private static PolicyNode ReadToken(ref Utf8JsonReader reader, TextPositions positions, out TrustPolicyError? duplicate)
    {
        duplicate = null;
        var (line, column) = positions.FromOffset(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var map = new PolicyObject { Line = line, Column = column };
                Dictionary<string, PolicyProperty>? seen = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (kl, kc) = positions.FromOffset(reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    reader.Read();
                    var value = ReadValue(ref reader, positions, out duplicate);
                    if (duplicate is not null)
                        return map;
                    var property = new PolicyProperty(name, value, kl, kc);
                    if (Earlier(map.Properties, ref seen, name) is { } first)
                    {
                        duplicate = new TrustPolicyError(
                            $"duplicate key \"{name}\"; it already appears at line {first.Line}, column {first.Column} of the same object (IAM rejects a policy with a repeated key)",
                            kl, kc);
                        return map;
                    }
                    seen?.Add(name, property);
                    map.Properties.Add(property);
                }
                return map;
            }
            case JsonTokenType.StartArray:
            {
                var list = new PolicyArray { Line = line, Column = column };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Items.Add(ReadValue(ref reader, positions, out duplicate));
                    if (duplicate is not null)
                        return list;
                }
                return list;
            }
            case JsonTokenType.String:
                return new PolicyString(reader.GetString()!) { Line = line, Column = column };
            case JsonTokenType.Number:
                return new PolicyLiteral(Encoding.UTF8.GetString(reader.ValueSpan), PolicyLiteralKind.Number) { Line = line, Column = column };
            case JsonTokenType.True:
                return new PolicyLiteral("true", PolicyLiteralKind.Boolean) { Line = line, Column = column };
            case JsonTokenType.False:
                return new PolicyLiteral("false", PolicyLiteralKind.Boolean) { Line = line, Column = column };
            default:
                return new PolicyLiteral("null", PolicyLiteralKind.Null) { Line = line, Column = column };
        }
    }
}
