using Migrator.Core.Trust;
using Migrator.Sandbox.Conditions;

namespace Migrator.Sandbox;

/// <summary>
/// The filler when <see cref="GeneratorOptions.Roles"/> is set: ServiceAccounts share roles the way real estates do,
/// so the application role count comes out near the target. Two patterns, both with trust policies terraform writes:
/// a fleet app (one namespace/ServiceAccount in several standard clusters of one account, one statement per cluster's
/// OIDC provider; terraform-aws-iam iam-role-for-service-accounts) and a team role (several ServiceAccounts of one
/// namespace in one cluster, one statement listing their subjects).
/// </summary>
internal sealed class SharedRoleFiller(EstateDraft draft, int target)
{
    /// <summary>Share of shared roles that are fleet apps rather than team roles (when another standard cluster of the account has ServiceAccounts to place).</summary>
    private const double FleetShare = 0.4;

    public void Fill()
    {
        // Where the filler's ServiceAccounts go, drawn as the one-role-per-ServiceAccount filler spreads them: a
        // standard cluster four times as many as a special one, and 8% of them without IRSA.
        var weighted = draft.WeightedClusters();
        var withIrsa = draft.Estate.Clusters.ToDictionary(c => c, _ => 0);
        var withoutIrsa = draft.Estate.Clusters.ToDictionary(c => c, _ => 0);
        for (var i = 0; i < draft.Budget; i++)
        {
            var cluster = weighted[i % weighted.Count];
            if (draft.Rng.NextDouble() < SimpleBindingFiller.BackgroundShare)
                withoutIrsa[cluster]++;
            else
                withIrsa[cluster]++;
        }
        foreach (var cluster in draft.Estate.Clusters)
        {
            for (var n = 0; n < withoutIrsa[cluster]; n++)
                draft.AddServiceAccountWithoutIrsa(cluster);
        }
        // A special cluster decides its bindings' category (ClusterLevelConditions), so its ServiceAccounts keep a
        // role each and sharing happens on standard clusters only.
        var standard = draft.Estate.Clusters.Where(c => draft.Kinds[c] == ClusterKind.Standard).ToList();
        foreach (var cluster in draft.Estate.Clusters.Except(standard))
        {
            for (var n = 0; n < withIrsa[cluster]; n++)
                SimpleIrsa.Binding.PlantOn(draft, cluster);
        }

        var open = standard.Where(c => withIrsa[c] > 0).ToList();
        while (open.Count > 0)
        {
            foreach (var cluster in open)
            {
                if (withIrsa[cluster] == 0)
                    continue;
                var size = GroupSize(target, open.Sum(c => withIrsa[c]));
                var fleet = open.Where(c => c != cluster && c.AccountId == cluster.AccountId && withIrsa[c] > 0).ToList();
                var team = Math.Min(size, withIrsa[cluster]);
                List<Cluster> used;
                if (size < 2)
                    used = PlantSingle(cluster);
                else if (fleet.Count > 0 && draft.Rng.NextDouble() < FleetShare)
                    used = PlantFleetApp(cluster, fleet, size);
                else if (team < 2)
                    used = PlantSingle(cluster);
                else
                    used = PlantTeamRole(cluster, team);
                foreach (var c in used)
                    withIrsa[c]--;
            }
            open.RemoveAll(c => withIrsa[c] == 0);
        }
    }

    /// <summary>
    /// ServiceAccounts for the next role: on average the bindings still to make per role still to make, drawn as 1 plus
    /// a geometric number (many small groups, a few large ones). Recomputed for every role, so the count converges on
    /// the target whatever the caps (trust size, ServiceAccounts left per cluster) cut off earlier.
    /// </summary>
    private int GroupSize(int target, int bindingsLeft)
    {
        var rolesLeft = target - draft.ApplicationRoles;
        if (rolesLeft <= 0)
            return bindingsLeft; // at or over the target: every further role as large as its trust policy allows
        var mean = (double)bindingsLeft / rolesLeft;
        if (mean <= 1)
            return 1;
        var extra = Math.Log(1 - draft.Rng.NextDouble()) / Math.Log(1 - (1 / mean));
        return 1 + (int)Math.Min(extra, bindingsLeft);
    }

    private List<Cluster> PlantSingle(Cluster cluster)
    {
        SimpleIrsa.Binding.PlantOn(draft, cluster);
        return [cluster];
    }

    /// <summary>One application in <paramref name="first"/> and up to <paramref name="size"/> - 1 of <paramref name="others"/>, one role trusting each cluster's provider.</summary>
    private List<Cluster> PlantFleetApp(Cluster first, List<Cluster> others, int size)
    {
        var account = draft.AccountOf(first);
        var ns = draft.PickNamespace(first);
        var name = draft.NewServiceAccountName(ns, first);
        var subject = $"system:serviceaccount:{ns}:{name}";
        // The app goes first where its namespace already runs, then anywhere else in the account.
        var shuffled = others.OrderBy(_ => draft.Rng.Next()).ToList();
        var clusters = new List<Cluster> { first };
        var trust = FleetTrust(account, clusters, subject);
        foreach (var cluster in shuffled.Where(c => draft.Namespaces[c].Contains(ns)).Concat(shuffled.Where(c => !draft.Namespaces[c].Contains(ns))))
        {
            if (clusters.Count == size)
                break;
            if (draft.IsServiceAccountTaken(cluster, ns, name))
                continue;
            var wider = FleetTrust(account, [.. clusters, cluster], subject);
            if (!FitsTrustPolicyLimit(wider))
                break;
            draft.ReserveServiceAccount(cluster, ns, name);
            clusters.Add(cluster);
            trust = wider;
        }
        var condition = clusters.Count > 1 ? SeededCondition.MultiClusterTrust : SeededCondition.SimpleIrsa;
        var role = draft.AddApplicationRole(account, $"{ns}-{name}-fleet", "/", trust, [draft.Pick(GeneratedNames.Policies)], eksctl: null);
        foreach (var cluster in clusters)
            draft.AddBinding(cluster, ns, name, role, condition);
        return clusters;
    }

    /// <summary>Up to <paramref name="size"/> ServiceAccounts of one namespace sharing a role whose one statement lists them all.</summary>
    private List<Cluster> PlantTeamRole(Cluster cluster, int size)
    {
        var account = draft.AccountOf(cluster);
        var ns = draft.PickNamespace(cluster);
        var names = new List<string>();
        var trust = "";
        while (names.Count < size)
        {
            var name = draft.NewServiceAccountName(ns, cluster);
            names.Add(name);
            var wider = EstateDraft.IrsaTrust(account, cluster, names.Select(n => $"system:serviceaccount:{ns}:{n}").ToList(), TrustStyle.Terraform);
            if (names.Count > 1 && !FitsTrustPolicyLimit(wider))
            {
                // The name was reserved for a ServiceAccount that will not be made: free it again.
                draft.ReleaseServiceAccount(cluster, ns, name);
                names.RemoveAt(names.Count - 1);
                break;
            }
            trust = wider;
        }
        var condition = names.Count > 1 ? SeededCondition.SharedRole : SeededCondition.SimpleIrsa;
        var role = draft.AddApplicationRole(account, $"{cluster.Name}-{ns}-{names[0]}-shared", "/", trust, [draft.Pick(GeneratedNames.Policies)], eksctl: null);
        foreach (var name in names)
            draft.AddBinding(cluster, ns, name, role, condition);
        return names.Select(_ => cluster).ToList();
    }

    private static string FleetTrust(Account account, IEnumerable<Cluster> clusters, string subject) =>
        GeneratedTrust.Document(clusters.Select(c => GeneratedTrust.IrsaStatement(EstateDraft.ProviderArn(account, c), c.OidcIssuer!, [subject], TrustStyle.Terraform)), TrustStyle.Terraform);

    /// <summary>
    /// IAM's default trust policy quota (DOMAIN.md). The document's full length, whitespace included, is never less than
    /// what IAM counts, so a document that fits here loads into a sandbox of any realism.
    /// </summary>
    private static bool FitsTrustPolicyLimit(string document) => document.Length <= TrustPolicySize.DefaultLimit;
}
