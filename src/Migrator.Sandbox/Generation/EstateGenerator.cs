namespace Migrator.Sandbox;

/// <summary>
/// Generates a realistic estate, deterministically by seed: mostly simple single-cluster IRSA, plus every situation
/// the migration must handle (shared and multi-cluster roles, cross-account, GitHub Actions trust, wildcards, Fargate,
/// Windows, hybrid, unused ServiceAccounts, add-on roles, each broken case, existing associations, old, China, Auto
/// Mode and agent-less clusters, stale pods). What was planted is returned beside the estate, never inside it.
/// </summary>
public static class EstateGenerator
{
    public static GeneratedEstate Generate(GeneratorOptions options)
    {
        if (options.Clusters < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Clusters, "at least one cluster is needed.");
        if (options.ServiceAccounts < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.ServiceAccounts, "the number of service accounts cannot be negative.");
        if (options.Accounts is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Accounts, "at least one account is needed.");
        if (options.Roles is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Roles, "Roles (the target number of application IRSA roles) must be at least 1, or null for one role per ServiceAccount.");
        return new GenerationRun(options).Build();
    }
}
