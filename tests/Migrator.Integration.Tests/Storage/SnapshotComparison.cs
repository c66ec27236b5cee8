using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Migrator.Core.Inventory;

namespace Migrator.Integration.Tests.Storage;

/// <summary>Compares snapshots field by field through their full JSON form (instants compared in UTC).</summary>
public static class SnapshotComparison
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new UtcInstant() },
    };

    public static string Json(InventorySnapshot s) => JsonSerializer.Serialize(s with { RunId = 0 }, Options);

    public static void Equal(InventorySnapshot expected, InventorySnapshot actual) => Assert.Equal(Json(expected), Json(actual));

    private sealed class UtcInstant : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    }
}
