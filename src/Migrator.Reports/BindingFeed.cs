using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Reports;

/// <summary>
/// A run's bindings in <see cref="BindingOrder"/>, read anew at each <see cref="Read"/>: the report's tally reads them
/// once, and the lists the JSON and CSV write in full read them again when written.
/// </summary>
public interface IBindingFeed
{
    /// <param name="parts">What of the reasons' evidence and suggested actions a read needs (a source may give more).</param>
    IEnumerable<BindingAssessment> Read(AssessmentParts parts);
}

/// <summary>Bindings held in memory (an assessment already loaded), put in <see cref="BindingOrder"/> once.</summary>
public sealed class HeldBindings(IEnumerable<BindingAssessment> bindings) : IBindingFeed
{
    private readonly List<BindingAssessment> _sorted = bindings.OrderBy(b => b.Key, BindingOrder.Instance).ToList();

    public IEnumerable<BindingAssessment> Read(AssessmentParts parts) => _sorted;
}

/// <summary>A run's bindings read from the report source at each <see cref="Read"/>, one at a time.</summary>
public sealed class StoredBindings(IReportSource source, long runId, CancellationToken ct) : IBindingFeed
{
    public IEnumerable<BindingAssessment> Read(AssessmentParts parts) => source.StreamBindingsAsync(runId, parts, ct).ToBlockingEnumerable(ct);
}
