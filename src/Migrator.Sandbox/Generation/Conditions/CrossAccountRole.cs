using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Conditions;

/// <summary>
/// The role lives in another account than the cluster, with the cluster's OIDC provider registered there (it works;
/// every other round it also trusts a cluster of its own account) or not (<see cref="OidcProviderMissing"/>: broken).
/// </summary>
internal class CrossAccountRole : PlantedCondition
{
    public override SeededCondition Condition => SeededCondition.CrossAccountRole;

    /// <summary>Whether the role's account has the cluster's OIDC provider.</summary>
    protected virtual bool ProviderPresent => true;

    public override void Plant(EstateDraft draft, int round)
    {
        var providerPresent = ProviderPresent;
        var commercial = draft.Estate.Accounts.Where(a => a.Partition == "aws").ToList();
        var clusters = draft.StandardClusters();
        if (commercial.Count < 2 || draft.Budget < 1)
            return;
        // Candidate (cluster, role account) pairs, starting at a different cluster each round. A pair planted as
        // "provider missing" must stay missing, so a working cross-account role never registers that provider.
        var candidate = Enumerable.Range(0, clusters.Count)
            .Select(i => clusters[(round + 2 + i) % clusters.Count])
            .SelectMany(c => commercial.Where(a => a.Id != c.AccountId).Select(a => (Cluster: c, Account: a)))
            .Where(p => providerPresent
                ? !draft.ProviderMustStayMissing.Contains($"{p.Account.Id}/{OidcProvider.NormalizeUrl(p.Cluster.OidcIssuer!)}")
                : p.Account.FindOidcProvider(p.Cluster.OidcIssuer!) is null)
            .Select(p => ((Cluster, Account)?)p)
            .FirstOrDefault();
        // The first candidate only: the rest were never used (listing them all scanned every provider of every pair each round).
        if (candidate is not var (cluster, roleAccount))
            return;
        if (!providerPresent)
            draft.ProviderMustStayMissing.Add($"{roleAccount.Id}/{OidcProvider.NormalizeUrl(cluster.OidcIssuer!)}");
        var ns = draft.PickNamespace(cluster);
        var name = draft.NewServiceAccountName(ns, cluster);
        var providerUrl = OidcProvider.NormalizeUrl(cluster.OidcIssuer!);
        if (providerPresent && roleAccount.FindOidcProvider(providerUrl) is null)
            roleAccount.OidcProviders.Add(new OidcProvider { Url = providerUrl, ClientIds = ["sts.amazonaws.com"], Thumbprints = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] });
        var providerArn = $"arn:{roleAccount.Partition}:iam::{roleAccount.Id}:oidc-provider/{providerUrl}";
        var statements = new List<JsonObject> { GeneratedTrust.IrsaStatement(providerArn, providerUrl, [$"system:serviceaccount:{ns}:{name}"], TrustStyle.Console) };
        // A cross-account role with the provider missing is broken; with it present, it may also trust a cluster at home.
        var home = clusters.FirstOrDefault(c => c.AccountId == roleAccount.Id);
        if (providerPresent && home is not null && round % 2 == 0)
            statements.Add(GeneratedTrust.IrsaStatement(EstateDraft.ProviderArn(roleAccount, home), home.OidcIssuer!, [$"system:serviceaccount:{ns}:{name}"], TrustStyle.Console));
        var path = round % 3 == 0 ? "/cross-account/" : "/";
        var role = draft.AddApplicationRole(roleAccount, $"{cluster.Name}-{ns}-{name}", path, GeneratedTrust.Document(statements, TrustStyle.Console), [draft.Pick(GeneratedNames.Policies)], eksctl: null);
        draft.AddBinding(cluster, ns, name, role, Condition);
        if (statements.Count == 2 && draft.Budget > 0 && draft.ReserveServiceAccount(home!, ns, name))
            draft.AddBinding(home!, ns, name, role, SeededCondition.MultiClusterTrust);
    }
}
