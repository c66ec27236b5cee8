using System.Globalization;
using System.Text.Json;

namespace Migrator.Storage;

/// <summary>How values are written to columns: times as UTC ISO-8601 text, raw maps and lists as JSON text.</summary>
public static class StorageFormat
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);
    private static readonly JsonSerializerOptions OwnerJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseTimeOrNull(string? text) => text is null ? null : ParseTime(text);

    /// <summary>An owner as stored (JSON {"kind","name","evidence"}), or null.</summary>
    public static string? Owner(Core.Ownership.ResourceOwner? owner) => owner is null ? null : JsonSerializer.Serialize(owner, OwnerJson);

    public static Core.Ownership.ResourceOwner? ParseOwner(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Core.Ownership.ResourceOwner>(json, OwnerJson);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>
    /// A JSON object of strings. Read with <see cref="Utf8JsonReader"/> rather than the serializer: a large snapshot has
    /// tens of thousands of these small columns, and the serializer's per-call setup was most of the report's read time.
    /// </summary>
    public static Dictionary<string, string> Map(string? json)
    {
        try
        {
            return ReadMap(json);
        }
        catch (JsonException e)
        {
            throw Malformed(json!, "an object of strings", e);
        }
    }

    /// <summary>A JSON array of strings, read as <see cref="Map"/> is.</summary>
    public static List<string> List(string? json)
    {
        try
        {
            return ReadList(json);
        }
        catch (JsonException e)
        {
            throw Malformed(json!, "an array of strings", e);
        }
    }

    private static Dictionary<string, string> ReadMap(string? json)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json) || json == "{}") return map;
        var reader = Reader(json, JsonTokenType.StartObject, "an object of strings");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            map[key] = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Malformed(json, "an object of strings");
        }
        return reader.TokenType == JsonTokenType.EndObject ? map : throw Malformed(json, "an object of strings");
    }

    private static List<string> ReadList(string? json)
    {
        var list = new List<string>();
        if (string.IsNullOrEmpty(json) || json == "[]") return list;
        var reader = Reader(json, JsonTokenType.StartArray, "an array of strings");
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
            list.Add(reader.GetString()!);
        return reader.TokenType == JsonTokenType.EndArray ? list : throw Malformed(json, "an array of strings");
    }

    private static Utf8JsonReader Reader(string json, JsonTokenType start, string what)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        return reader.Read() && reader.TokenType == start ? reader : throw Malformed(json, what);
    }

    /// <summary>The error for a stored column that is not what its reader expects, quoting (the start of) the column.</summary>
    internal static StorageException Malformed(string json, string what, Exception? inner = null) => new(
        $"a stored column is not {what}: '{(json.Length > 80 ? json[..80] + "…" : json)}'; the state file is damaged or was written by another tool.",
        inner ?? new JsonException(what));

    /// <summary>A binding stored as ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT.</summary>
    public static Core.Inventory.BindingKey Binding(string text) =>
        Core.Inventory.BindingKey.TryParse(text, out var key) ? key
            : throw new StorageException($"stored binding '{text}' is not ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT; the state file is damaged or was written by another tool.");

    public static TEnum Enum<TEnum>(string text) where TEnum : struct, Enum =>
        System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) ? value
            : throw new StorageException($"stored value '{text}' is not a known {typeof(TEnum).Name}; the state file was written by a newer migrator.");
}
