namespace Migrator.Core.Assessment;

/// <summary>The assessment of one inventory run.</summary>
public sealed record AssessmentResult
{
    public required long RunId { get; init; }
    public required DateTimeOffset AssessedAt { get; init; }
    public IReadOnlyList<BindingAssessment> Bindings { get; init; } = [];
    public IReadOnlyList<RoleFinding> RoleFindings { get; init; } = [];
    /// <summary>What a read took of the reasons' evidence and suggested actions (<see cref="Ports.AssessmentParts"/>); All when made or read whole.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Ports.AssessmentParts Parts { get; init; } = Ports.AssessmentParts.All;
}
