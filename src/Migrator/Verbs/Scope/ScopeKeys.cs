using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Core.Progress;
using Migrator.Verbs.Assessment;

namespace Migrator.Verbs.Scope;

/// <summary>Finds active scope members from CLUSTER/NAMESPACE/SERVICEACCOUNT or ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT.</summary>
internal static class ScopeKeys
{
    /// <summary>The active member a spec names; members gone from the estate can be named too (the assessment is not asked).</summary>
    public static BindingKey Member(MigrationScope scope, string spec)
    {
        var matches = BindingLocator.Matching(scope.Active.Select(m => m.Key), k => k, spec);
        return matches.Count == 1 ? matches[0]
            : throw new InvalidInputException($"'{spec}' is not in the migration scope; 'migrator scope show' lists its identities.");
    }
}
