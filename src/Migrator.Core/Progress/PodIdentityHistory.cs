using Migrator.Core.Inventory;

namespace Migrator.Core.Progress;

/// <summary>An identity's last run assessed on Pod Identity before a given run (since the scope was fixed).</summary>
public sealed record PodIdentityHistory(BindingKey Key, long LastOnRunId);
