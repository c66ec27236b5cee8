using System.Text.Json;
using System.Text.Json.Serialization;

namespace Migrator.Core.Planning;

/// <summary>The one JSON shape of a plan: stored in SQLite, printed by 'plan show --output json', read by reports.</summary>
public static class PlanJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(MigrationPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static MigrationPlan Deserialize(string json) =>
        JsonSerializer.Deserialize<MigrationPlan>(json, Options) ?? throw new JsonException("plan JSON is empty");
}
