namespace Migrator.Core.Trust;

/// <summary>The set operator prefix of a condition operator, for multivalued context keys.</summary>
public enum SetQualifier
{
    None,
    /// <summary>ForAnyValue: at least one request value matches; false when the key is absent.</summary>
    ForAnyValue,
    /// <summary>ForAllValues: every request value matches; true when the key is absent or empty.</summary>
    ForAllValues,
}
