using System.Text.Json;
using System.Text.Json.Serialization;
using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>
/// The one JSON shape of a plan: stored in SQLite (compact), printed by 'plan show --output json' (indented), read by
/// reports. Clusters and bindings are written as their keys (ACCOUNT/REGION/CLUSTER[/NAMESPACE/SERVICEACCOUNT]): a
/// 20,000-binding plan has about 100,000 steps, and writing each key as an object made the stored plan 156 MB.
/// </summary>
public static class PlanJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: true);

    /// <summary>For storage: the same shape without indentation.</summary>
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    public static string Serialize(MigrationPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static MigrationPlan Deserialize(string json) =>
        JsonSerializer.Deserialize<MigrationPlan>(json, Options) ?? throw new JsonException("plan JSON is empty");

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        // Plans written before steps were types carry "kind" after "id".
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(), new ClusterRefConverter(), new BindingKeyConverter(), new Text.IsoDurationJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>ClusterRef as "ACCOUNT/REGION/NAME"; the object form of earlier plans is still read.</summary>
    private sealed class ClusterRefConverter : JsonConverter<ClusterRef>
    {
        public override ClusterRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
                return ReadObject(ref reader);
            var parts = Split(ref reader, 3, "a cluster (ACCOUNT/REGION/NAME)");
            return new ClusterRef(parts[0], parts[1], parts[2]);
        }

        public override void Write(Utf8JsonWriter writer, ClusterRef value, JsonSerializerOptions options) => WriteFormatted(writer, value);

        internal static ClusterRef ReadObject(ref Utf8JsonReader reader)
        {
            string? account = null, region = null, name = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = reader.GetString();
                reader.Read();
                switch (property)
                {
                    case "accountId": account = reader.GetString(); break;
                    case "region": region = reader.GetString(); break;
                    case "name": name = reader.GetString(); break;
                    default: reader.Skip(); break;
                }
            }
            return account is null || region is null || name is null
                ? throw new JsonException("a cluster object in the plan needs accountId, region and name.")
                : new ClusterRef(account, region, name);
        }
    }

    /// <summary>BindingKey as "ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT"; the object form of earlier plans is still read.</summary>
    private sealed class BindingKeyConverter : JsonConverter<BindingKey>
    {
        public override BindingKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ClusterRef? cluster = null;
                string? ns = null, sa = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var property = reader.GetString();
                    reader.Read();
                    switch (property)
                    {
                        case "cluster": cluster = ClusterRefConverter.ReadObject(ref reader); break;
                        case "namespace": ns = reader.GetString(); break;
                        case "serviceAccount": sa = reader.GetString(); break;
                        default: reader.Skip(); break;
                    }
                }
                return cluster is null || ns is null || sa is null
                    ? throw new JsonException("a binding object in the plan needs cluster, namespace and serviceAccount.")
                    : new BindingKey(cluster, ns, sa);
            }
            var parts = Split(ref reader, 5, "a binding (ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT)");
            return new BindingKey(new ClusterRef(parts[0], parts[1], parts[2]), parts[3], parts[4]);
        }

        public override void Write(Utf8JsonWriter writer, BindingKey value, JsonSerializerOptions options) => WriteFormatted(writer, value);
    }

    /// <summary>Writes a key as a JSON string from a stack buffer: a plan writes hundreds of thousands of them.</summary>
    private static void WriteFormatted<T>(Utf8JsonWriter writer, T value)
        where T : ISpanFormattable
    {
        Span<char> buffer = stackalloc char[512];
        if (value.TryFormat(buffer, out var written, default, null))
            writer.WriteStringValue(buffer[..written]);
        else
            writer.WriteStringValue(value.ToString());
    }

    private static string[] Split(ref Utf8JsonReader reader, int count, string what)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"expected {what} as a string, found {reader.TokenType}.");
        var parts = text.Split('/');
        return parts.Length == count && parts.All(p => p.Length > 0) ? parts : throw new JsonException($"'{text}' is not {what}.");
    }
}
