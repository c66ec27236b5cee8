namespace Migrator.Core.Inventory;

/// <summary>A part of the estate that could not be collected in a run (the run is then Partial).</summary>
public sealed record CollectionError(string Scope, string Target, string Operation, string Message);
