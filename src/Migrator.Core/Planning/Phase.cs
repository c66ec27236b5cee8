namespace Migrator.Core.Planning;

/// <summary>One phase of a plan: approved, run and rolled back as a unit.</summary>
public sealed record Phase
{
    public required int Number { get; init; }
    public required PhaseKind Kind { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<PlannedBinding> Bindings { get; init; } = [];
    /// <summary>In execution order: cluster steps, then one trust step per role, then each binding's steps.</summary>
    public IReadOnlyList<PlanStep> Steps { get; init; } = [];
    /// <summary>For Cleanup: the migration phase whose bindings it cleans up.</summary>
    public int? CleanupOf { get; init; }
    /// <summary>For Cleanup: how long after that phase completed it may run.</summary>
    public TimeSpan Soak { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}
