using Migrator.Core.Assessment;

namespace Migrator.Core.Ports;

/// <summary>
/// A run's assessment saved as it is made, cluster by cluster, in one transaction: the run's earlier assessment stays
/// visible until <see cref="CommitAsync"/>, and a writer disposed without it leaves that earlier one as it was.
/// </summary>
public interface IAssessmentWriter : IAsyncDisposable
{
    /// <summary>Appends bindings after those already written, in the assessment's order.</summary>
    Task AppendAsync(IReadOnlyList<BindingAssessment> bindings, CancellationToken ct);

    /// <summary>
    /// Appends role findings after those already written, in the role view's order: the assessment hands them over a
    /// batch at a time (at 200,000 bindings the role view makes about 28,000 findings, 20 MB with their texts).
    /// </summary>
    Task AppendRoleFindingsAsync(IReadOnlyList<RoleFinding> roleFindings, CancellationToken ct);

    /// <summary>Writes the role findings given here after those appended, and commits; returns the bindings written per category.</summary>
    Task<IReadOnlyDictionary<BindingCategory, int>> CommitAsync(IReadOnlyList<RoleFinding> roleFindings, CancellationToken ct);
}
