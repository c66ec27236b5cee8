namespace Migrator.Core.Trust;

/// <summary>Why IAM would reject a trust policy, with the 1-based line and column where it applies.</summary>
public sealed record TrustPolicyError(string Message, int? Line, int? Column)
{
    public override string ToString() => Line is null ? Message : $"line {Line}, column {Column}: {Message}";
}
