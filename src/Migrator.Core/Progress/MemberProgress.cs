namespace Migrator.Core.Progress;

/// <summary>One identity of the scope in the run progress is counted from; <see cref="Verdict"/> is null when gone.</summary>
public sealed record MemberProgress(ScopeMember Member, IdentityProgress Progress, MemberVerdict? Verdict);
