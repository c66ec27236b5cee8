namespace Migrator.Core.Trust;

/// <summary>
/// How one statement treated a request. <see cref="Index"/> is the 1-based statement number; <see cref="Matched"/>
/// means principal, action and every condition matched (so an Allow allows and a Deny denies).
/// </summary>
public sealed record StatementExplanation(int Index, string? Sid, string Effect, bool Matched, string Explanation);
