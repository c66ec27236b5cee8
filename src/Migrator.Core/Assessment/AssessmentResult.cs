namespace Migrator.Core.Assessment;

/// <summary>The assessment of one inventory run.</summary>
public sealed record AssessmentResult
{
    public required long RunId { get; init; }
    public required DateTimeOffset AssessedAt { get; init; }
    public IReadOnlyList<BindingAssessment> Bindings { get; init; } = [];
    public IReadOnlyList<RoleFinding> RoleFindings { get; init; } = [];
}
