using Migrator.Core.Planning;

namespace Migrator.Core.Execution;

/// <summary>
/// What a journal entry records: the kind of the forward step it belongs to, or the rollback action that undoes one.
/// Typed in the domain; turned into text only by the journal's storage.
/// </summary>
public readonly record struct JournalKind
{
    private JournalKind(StepKind? step, RollbackKind? rollback)
    {
        Step = step;
        Rollback = rollback;
    }

    /// <summary>The forward step kind (forward entries).</summary>
    public StepKind? Step { get; }

    /// <summary>The undo action (rollback entries).</summary>
    public RollbackKind? Rollback { get; }

    public static implicit operator JournalKind(StepKind kind) => FromStep(kind);

    public static implicit operator JournalKind(RollbackKind kind) => FromRollback(kind);

    public static JournalKind FromStep(StepKind kind) => new(kind, null);

    public static JournalKind FromRollback(RollbackKind kind) => new(null, kind);

    /// <summary>A write of a role's trust policy (either direction).</summary>
    /// <remarks>A change-set trust step counts once its owner applied it: its Succeeded entry's result is the document seen live.</remarks>
    public bool IsTrustWrite => Step is StepKind.AddPodIdentityTrust or StepKind.RemoveIrsaTrustSubject or StepKind.PodIdentityTrustChangeSet or StepKind.TrustSubjectChangeSet
        || Rollback is RollbackKind.RestoreTrust;

    /// <summary>A change to a Pod Identity association (either direction).</summary>
    public bool IsAssociationWrite =>
        Step is StepKind.CreateAssociation or StepKind.UpdateAddonAssociation or StepKind.AssociationChangeSet || Rollback is RollbackKind.DeleteAssociation or RollbackKind.RemoveAddonAssociation;

    public override string ToString() => Step?.ToString() ?? Rollback?.ToString() ?? "";
}
