using Migrator.Core.Execution;

namespace Migrator.Core.Ports;

/// <summary>Operators' recorded overrides of the cleanup evidence gate, kept with the plan's approvals.</summary>
public interface IEvidenceOverrideStore
{
    /// <summary>Records an override; recording the same plan, phase and binding again replaces its reason.</summary>
    Task RecordAsync(EvidenceOverride evidenceOverride, CancellationToken ct);

    Task<IReadOnlyList<EvidenceOverride>> GetAsync(string planId, CancellationToken ct);
}
