using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class CollectionNoteRow : SnapshotRow
{
    public string Scope { get; set; } = "";
    public string Target { get; set; } = "";
    public string Operation { get; set; } = "";
    public string Message { get; set; } = "";

    public static CollectionNoteRow From(CollectionNote n) => new() { Scope = n.Scope, Target = n.Target, Operation = n.Operation, Message = n.Message };

    public CollectionNote ToRecord() => new(Scope, Target, Operation, Message);
}
