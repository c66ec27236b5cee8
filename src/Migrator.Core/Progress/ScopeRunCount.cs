namespace Migrator.Core.Progress;

/// <summary>Of the scope members a run counts: how many its assessment has, and how many of those run on Pod Identity.</summary>
public sealed record ScopeRunCount(long RunId, int Present, int OnPodIdentity);
