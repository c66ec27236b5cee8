using Migrator.Core.Ownership.ChangeSets;

namespace Migrator.Core.Ports;

/// <summary>Writes a change-set's files for its owner (Execution:ChangeSetDirectory/PLAN/pN/STEP); returns the directory written.</summary>
public interface IChangeSetWriter
{
    Task<string> WriteAsync(OwnerChangeSet changeSet, CancellationToken ct);
}
