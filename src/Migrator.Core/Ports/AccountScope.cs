namespace Migrator.Core.Ports;

/// <summary>One AWS account the inventory reads, and the regions to look for clusters in.</summary>
public sealed record AccountScope(string AccountId, IReadOnlyList<string> Regions);
