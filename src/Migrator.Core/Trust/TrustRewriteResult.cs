namespace Migrator.Core.Trust;

/// <summary>
/// The outcome of a rewrite. On success <see cref="Document"/> is the new policy (the input string itself when
/// <see cref="Changed"/> is false); on failure it is the input, untouched, and <see cref="Error"/> says why.
/// </summary>
public sealed record TrustRewriteResult
{
    public required bool Success { get; init; }
    public required string Document { get; init; }
    public bool Changed { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public string? Error { get; init; }
    /// <summary>The size of <see cref="Document"/> per <see cref="TrustPolicySize.Count"/>.</summary>
    public int Size { get; init; }
    /// <summary>For an add that changed the policy: the scope the newly trusted bindings were written at.</summary>
    public PodIdentityScope? Scope { get; init; }

    internal static TrustRewriteResult Fail(string document, string error, IReadOnlyList<string>? warnings = null) =>
        new() { Success = false, Document = document, Error = error, Warnings = warnings ?? [], Size = TrustPolicySize.Count(document) };

    internal static TrustRewriteResult Unchanged(string document, IReadOnlyList<string>? warnings = null) =>
        new() { Success = true, Document = document, Changed = false, Warnings = warnings ?? [], Size = TrustPolicySize.Count(document) };
}
