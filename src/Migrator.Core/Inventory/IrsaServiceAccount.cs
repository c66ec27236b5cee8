using Migrator.Core.Ownership;

namespace Migrator.Core.Inventory;

/// <summary>An IRSA ServiceAccount as the planner needs it: which role its annotation names, and who owns it.</summary>
public sealed record IrsaServiceAccount(BindingKey Key, string RoleArn, ResourceOwner? Owner);
