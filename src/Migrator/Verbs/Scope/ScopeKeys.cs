using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Core.Progress;

namespace Migrator.Verbs.Scope;

/// <summary>Finds active scope members from CLUSTER/NAMESPACE/SERVICEACCOUNT or ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT.</summary>
internal static class ScopeKeys
{
    /// <summary>The active member a spec names; members gone from the estate can be named too (the assessment is not asked).</summary>
    public static BindingKey Member(MigrationScope scope, string spec)
    {
        var parts = spec.Split('/');
        if (parts.Length is not (3 or 5) || parts.Any(p => p.Length == 0))
            throw new UsageException($"'{spec}' is not CLUSTER/NAMESPACE/SERVICEACCOUNT (or ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT).");
        var matches = scope.Active.Select(m => m.Key).Where(k => k.Namespace == parts[^2] && k.ServiceAccount == parts[^1] && (parts.Length == 3
            ? k.Cluster.Name == parts[0]
            : k.Cluster.AccountId == parts[0] && k.Cluster.Region == parts[1] && k.Cluster.Name == parts[2])).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidInputException($"'{spec}' is not in the migration scope; 'migrator scope show' lists its identities."),
            _ => throw new InvalidInputException($"'{spec}' is ambiguous: cluster '{parts[0]}' exists in several accounts or regions. Use one of: {string.Join(", ", matches.Select(m => m.ToString()))}."),
        };
    }
}
