namespace Migrator.Core.Progress;

/// <summary>How an identity came into the migration scope.</summary>
public enum ScopeOrigin
{
    /// <summary>Planned into a migration phase (canary or wave) of the plan that fixed the scope.</summary>
    Planned,
    /// <summary>Already on Pod Identity when the scope was fixed (moved by someone else, or born there).</summary>
    Native,
    /// <summary>Added later, deliberately, with `migrator scope add`.</summary>
    Added,
}
