using System.Globalization;
using System.Text.Json;

namespace Migrator.Storage;

/// <summary>How values are written to columns: times as UTC ISO-8601 text, raw maps and lists as JSON text.</summary>
public static class StorageFormat
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseTimeOrNull(string? text) => text is null ? null : ParseTime(text);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static Dictionary<string, string> Map(string? json) =>
        string.IsNullOrEmpty(json) ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [], StringComparer.Ordinal);

    public static List<string> List(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];

    public static TEnum Enum<TEnum>(string text) where TEnum : struct, Enum =>
        System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) ? value
            : throw new StorageException($"stored value '{text}' is not a known {typeof(TEnum).Name}; the state file was written by a newer migrator.");
}
