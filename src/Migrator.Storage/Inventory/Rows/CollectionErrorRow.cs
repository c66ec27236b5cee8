using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class CollectionErrorRow : SnapshotRow
{
    public string Scope { get; set; } = "";
    public string Target { get; set; } = "";
    public string Operation { get; set; } = "";
    public string Message { get; set; } = "";

    public static CollectionErrorRow From(CollectionError e) => new() { Scope = e.Scope, Target = e.Target, Operation = e.Operation, Message = e.Message };

    public CollectionError ToRecord() => new(Scope, Target, Operation, Message);
}
