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

    /// <summary>Writes the role findings and commits; returns the bindings written per category.</summary>
    Task<IReadOnlyDictionary<BindingCategory, int>> CommitAsync(IReadOnlyList<RoleFinding> roleFindings, CancellationToken ct);
}
