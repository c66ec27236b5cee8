namespace Migrator.Sandbox;

/// <summary>
/// The simulated estate: the estate file's content and, once a sandbox serves it, its live mutable state.
/// Accounts hold IAM (roles, OIDC providers); clusters hold EKS objects and the Kubernetes objects inside them.
/// Format documented in docs/estate-format.md.
/// </summary>
public sealed class Estate
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; set; } = CurrentFormatVersion;
    /// <summary>Seed the estate was generated with (informational; also seeds the sandbox's credentials when set).</summary>
    public int? Seed { get; set; }
    public List<Account> Accounts { get; set; } = [];
    public List<Cluster> Clusters { get; set; } = [];

    public Account? FindAccount(string accountId) => Accounts.Find(a => a.Id == accountId);

    public Cluster? FindCluster(string accountId, string region, string name) =>
        Clusters.Find(c => c.AccountId == accountId && c.Region == region && c.Name == name);

    /// <summary>The role an ARN names (path ignored for lookup, as IAM does: role names are unique per account).</summary>
    public IamRole? FindRole(string roleArn)
    {
        if (!IamArn.TryParseRole(roleArn, out var account, out _, out var name))
            return null;
        return FindAccount(account)?.FindRole(name);
    }
}
