namespace Migrator.Core.Ownership;

/// <summary>Which metadata a detection rule reads.</summary>
public enum OwnerSource
{
    /// <summary>An IAM role tag (GetRole returns them).</summary>
    RoleTag,
    ServiceAccountLabel,
    ServiceAccountAnnotation,
}
