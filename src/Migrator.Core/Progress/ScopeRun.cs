namespace Migrator.Core.Progress;

/// <summary>A stored inventory run as progress sees it: only complete runs count (a partial run misses clusters).</summary>
public sealed record ScopeRun(long RunId, DateTimeOffset StartedAt, bool Complete);
