using CsCheck;
using Migrator.Core.Evidence;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Tests.Evidence;

/// <summary>Matching uses to bindings through the index by namespace and ServiceAccount answers as a scan of every use does.</summary>
public sealed class CredentialUsesTests
{
    private static readonly string[] Namespaces = ["shop", "ops", "data"];
    private static readonly string[] Accounts = ["api", "worker", "cron"];
    private static readonly string[] Roles = [TestEstate.RoleArn("api"), TestEstate.RoleArn("worker"), "arn:aws:iam::222222222222:role/api"];
    private static readonly ClusterRef[] Clusters = [TestEstate.East, TestEstate.West];

    private static readonly Gen<CredentialUse> Use =
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, Namespaces.Length - 1], Gen.Int[0, Accounts.Length - 1], Gen.Int[0, Roles.Length - 1], Gen.Int[0, 1], Gen.Int[0, 500], Gen.Int[0, 40])
            .Select((kind, ns, sa, role, cluster, minutes, id) => new CredentialUse
            {
                Kind = kind == 0 ? CredentialUseKind.WebIdentity : CredentialUseKind.PodIdentity,
                EventId = $"e{id}",
                Time = DateTimeOffset.UnixEpoch.AddMinutes(minutes),
                Region = Clusters[cluster].Region,
                RoleArn = kind == 0 ? Roles[role] : null,
                RoleAccountId = RoleArns.AccountOf(Roles[role]),
                RoleName = RoleArns.NameOf(Roles[role]),
                Namespace = Namespaces[ns],
                ServiceAccount = Accounts[sa],
                Issuer = cluster == 0 ? TestEstate.EastIssuer : TestEstate.WestIssuer,
                ClusterName = kind == 1 ? Clusters[cluster].Name : null,
            });

    [Fact]
    public void Every_binding_gets_the_uses_a_scan_of_all_uses_finds_newest_first()
    {
        Use.List[0, 60].Sample(uses =>
        {
            var indexed = new CredentialUses(uses);
            var all = indexed.All;
            foreach (var cluster in Clusters)
                foreach (var ns in Namespaces)
                    foreach (var sa in Accounts)
                        foreach (var role in Roles)
                        {
                            var key = new BindingKey(cluster, ns, sa);
                            var issuer = cluster == TestEstate.East ? TestEstate.EastIssuer : TestEstate.WestIssuer;
                            var web = all.Where(u => u.Kind == CredentialUseKind.WebIdentity && u.Namespace == ns && u.ServiceAccount == sa
                                && u.RoleName == RoleArns.NameOf(role) && u.RoleAccountId == RoleArns.AccountOf(role) && u.Issuer == issuer).ToList();
                            var pod = all.Where(u => u.Kind == CredentialUseKind.PodIdentity && u.Namespace == ns && u.ServiceAccount == sa
                                && u.ClusterName == cluster.Name && u.Region == cluster.Region && u.RoleName == RoleArns.NameOf(role) && u.RoleAccountId == RoleArns.AccountOf(role)).ToList();
                            Assert.Equal(web, indexed.WebIdentity(key, role, issuer));
                            Assert.Equal(pod, indexed.PodIdentity(key, role));
                        }
            Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Time >= p.Second.Time));
        }, iter: 200);
    }
}
