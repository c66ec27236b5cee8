using System.Text.Json;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Storage.Assessment;

/// <summary>The assessment_bindings.workloads column: a binding's workloads as [{"Kind","Namespace","Name"}, ...].</summary>
internal static class WorkloadsColumn
{
    public static string Write(IReadOnlyList<WorkloadRef> workloads) =>
        JsonSerializer.Serialize(workloads.Select(w => new WorkloadRow { Kind = w.Kind.ToString(), Namespace = w.Namespace, Name = w.Name }));

    /// <summary>
    /// Reads the column without the serializer's per-call cost; with <paramref name="shared"/>, one string per distinct
    /// namespace and name within the load (a workload's namespace repeats on every binding of it, its name across clusters).
    /// An array of exactly the workloads read: a load holds one per binding.
    /// </summary>
    public static IReadOnlyList<WorkloadRef> Read(string json, SharedStrings? shared = null)
    {
        if (json is "" or "[]") return [];
        var list = new List<WorkloadRef>(1);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw Malformed(json);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? kind = null, ns = null, name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                if (!reader.Read()) throw Malformed(json);
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                switch (property)
                {
                    case nameof(WorkloadRow.Kind): kind = value; break;
                    case nameof(WorkloadRow.Namespace): ns = value; break;
                    case nameof(WorkloadRow.Name): name = value; break;
                    default: reader.Skip(); break;
                }
            }
            if (kind is null || ns is null || name is null) throw Malformed(json);
            list.Add(new WorkloadRef(StorageFormat.Enum<WorkloadKind>(kind), shared?.Share(ns) ?? ns, shared?.Share(name) ?? name));
        }
        return reader.TokenType == JsonTokenType.EndArray ? list.ToArray() : throw Malformed(json);
    }

    private static StorageException Malformed(string json) => StorageFormat.Malformed(json, "a list of {Kind, Namespace, Name}");

    private sealed class WorkloadRow
    {
        public string Kind { get; set; } = "";
        public string Namespace { get; set; } = "";
        public string Name { get; set; } = "";
    }
}
