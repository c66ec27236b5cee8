using System.Text.Json;
using System.Text.Json.Serialization;

namespace Migrator.Verbs.Inventory;

/// <summary>How the inventory verbs write --output json: camelCase, enums as names, durations ISO-8601, indented.</summary>
internal static class InventoryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new Core.Text.IsoDurationJsonConverter() },
    };

    public static void Write<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
