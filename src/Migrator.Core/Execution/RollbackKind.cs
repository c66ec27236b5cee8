namespace Migrator.Core.Execution;

/// <summary>Actions that only rollback entries record: the undo of a forward step.</summary>
public enum RollbackKind
{
    /// <summary>The trust policy as it was before a forward trust write (or the Pod Identity trust removed from it).</summary>
    RestoreTrust,
    DeleteAssociation,
    RemoveAddonAssociation,
    RestoreAnnotations,
    /// <summary>Restart that brings the IRSA env back once the association is gone.</summary>
    RestartWorkload,
    /// <summary>Pods of the binding back on IRSA.</summary>
    VerifyIrsa,
}
