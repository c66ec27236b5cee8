using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>
/// A role trust policy IAM would accept: its statements in order, and the JSON it was read from (decoded when the
/// input was URL-encoded) so a rewrite can keep everything it does not need to change.
/// </summary>
public sealed class TrustPolicy
{
    /// <summary>"2012-10-17", "2008-10-17", or null when the document has no Version.</summary>
    public string? Version { get; init; }
    public string? Id { get; init; }
    public required IReadOnlyList<TrustStatement> Statements { get; init; }
    /// <summary>The JSON text the policy was read from (after URL-decoding).</summary>
    public required string Text { get; init; }
    internal PolicyObject Root { get; init; } = new();

    /// <summary>
    /// The policy for deciding requests only, without the JSON tree a rewrite edits: what a caller keeps while it
    /// decides many requests (the assessment holds a shared role's policy until its last cluster is judged).
    /// </summary>
    public TrustPolicy ForDecisions() => new() { Version = Version, Id = Id, Statements = Statements, Text = Text };
}
