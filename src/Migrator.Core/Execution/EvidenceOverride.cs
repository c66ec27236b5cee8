using Migrator.Core.Inventory;

namespace Migrator.Core.Execution;

/// <summary>An operator's decision, recorded with the approval, to clean up a binding without (or against) CloudTrail evidence.</summary>
public sealed record EvidenceOverride(string PlanId, int Phase, BindingKey Binding, string Reason, string By, DateTimeOffset At);
