using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>A binding the plan leaves alone, and why (KeepIrsa, Broken, Unused, already Migrated, or a planner guard).</summary>
public sealed record ExcludedBinding(BindingKey Key, string RoleArn, BindingCategory Category, IReadOnlyList<string> Reasons);
