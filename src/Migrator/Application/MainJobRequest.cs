using Migrator.Reports;

namespace Migrator.Application;

/// <summary>What the main job does after the inventory: create a plan or not, and which report formats go where (none: all).</summary>
public sealed record MainJobRequest(bool CreatePlan = true, IReadOnlyList<ReportFormat>? ReportFormats = null, string? ReportDirectory = null);
