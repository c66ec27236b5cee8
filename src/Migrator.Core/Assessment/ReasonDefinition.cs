namespace Migrator.Core.Assessment;

/// <summary>What a reason code means: the category it pulls towards (null: none), its severity and default score weight.</summary>
public sealed record ReasonDefinition(string Code, BindingCategory? Category, ReasonSeverity Severity, int DefaultWeight, string Title);
