namespace Migrator.Core.Trust;

/// <summary>The outcome of <see cref="TrustPolicyParser.Parse"/>: a policy, or every error found.</summary>
public sealed class TrustParseResult
{
    public bool Success => Policy is not null;
    public TrustPolicy? Policy { get; init; }
    public IReadOnlyList<TrustPolicyError> Errors { get; init; } = [];
}
