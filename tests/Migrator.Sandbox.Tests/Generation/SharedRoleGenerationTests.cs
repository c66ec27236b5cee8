using System.Text.Json;
using Migrator.Core.Trust;

namespace Migrator.Sandbox.Tests.Generation;

/// <summary>GeneratorOptions.Roles: ServiceAccounts share roles (fleet apps, team roles) so the role count comes near a target.</summary>
public sealed class SharedRoleGenerationTests
{
    private static GeneratedEstate Generate(int clusters, int serviceAccounts, int? roles, int seed, int? accounts = null) =>
        EstateGenerator.Generate(new GeneratorOptions { Clusters = clusters, ServiceAccounts = serviceAccounts, Roles = roles, Seed = seed, Accounts = accounts });

    public static TheoryData<int, int, int?, int, int> Targets => new()
    {
        { 20, 2_000, null, 3, 600 },
        { 20, 5_000, 4, 9, 1_500 },
        { 12, 1_000, 3, 7, 400 },
        { 100, 20_000, 10, 7, 6_000 },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Application_role_count_lands_within_ten_percent_of_the_target(int clusters, int serviceAccounts, int? accounts, int seed, int roles)
    {
        var generated = Generate(clusters, serviceAccounts, roles, seed, accounts);

        var counted = ApplicationRoles(generated.Estate);

        Assert.InRange(counted, roles * 9 / 10, roles * 11 / 10);
        Assert.Equal(counted, generated.ApplicationRoles);
    }

    [Fact]
    public void Without_a_target_every_filler_service_account_keeps_its_own_role()
    {
        var estate = Generate(20, 2_000, null, 3).Estate;

        // The same estate with a target has about a third of the roles: the option is what makes them shared.
        Assert.InRange(ApplicationRoles(estate), 1_600, 2_000);
        Assert.InRange(ApplicationRoles(Generate(20, 2_000, 600, 3).Estate), 540, 660);
    }

    [Fact]
    public void Same_options_with_a_role_target_give_byte_identical_files()
    {
        string File(int seed) => EstateFile.Serialize(Generate(12, 1_000, 300, seed, 3).Estate);

        Assert.Equal(File(5), File(5));
        Assert.NotEqual(File(5), File(6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(900)]
    public void No_trust_policy_exceeds_the_default_size_limit(int roles)
    {
        var estate = Generate(20, 3_000, roles, 11, 4).Estate;

        var sizes = estate.Accounts.SelectMany(a => a.Roles).Select(r => (r.Name, r.TrustPolicy.Length, Counted: TrustPolicySize.Count(r.TrustPolicy))).ToList();

        Assert.All(sizes, s => Assert.True(s.Length <= 2_048 && s.Counted <= 2_048, $"{s.Name}: {s.Length} characters ({s.Counted} counted)"));
        // The cap is what stops the groups, not chance: some documents come close to it.
        Assert.Contains(sizes, s => s.Length > 1_800);
    }

    [Fact]
    public void Fleet_roles_trust_exactly_the_clusters_whose_service_accounts_use_them()
    {
        var generated = Generate(20, 3_000, 900, 13, 4);
        var estate = generated.Estate;

        var fleets = RolesSeededOnlyWith(generated, SeededCondition.MultiClusterTrust);

        Assert.True(fleets.Count > 20, $"only {fleets.Count} fleet roles");
        foreach (var (arn, bindings) in fleets)
        {
            Assert.True(IamArn.TryParseRole(arn, out var accountId, out _, out _));
            var account = estate.FindAccount(accountId)!;
            var app = Assert.Single(bindings.Select(b => $"{b.ServiceAccount.Namespace}/{b.ServiceAccount.Name}").Distinct());
            Assert.True(bindings.Count >= 2, $"{arn} is used in one cluster only");
            Assert.All(bindings, b => Assert.Equal(accountId, b.Cluster.AccountId));
            var statements = Statements(estate.FindRole(arn)!.TrustPolicy);
            var expected = bindings.Select(b => account.OidcProviderArn(account.FindOidcProvider(b.Cluster.OidcIssuer!)!)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, statements.Select(s => s.Provider).Order(StringComparer.Ordinal));
            Assert.All(statements, s => Assert.Equal([$"system:serviceaccount:{app.Replace('/', ':')}"], s.Subjects));
        }
    }

    [Fact]
    public void Team_roles_list_exactly_their_service_accounts()
    {
        var generated = Generate(20, 3_000, 900, 13, 4);
        var estate = generated.Estate;

        var teams = RolesSeededOnlyWith(generated, SeededCondition.SharedRole);

        Assert.True(teams.Count > 20, $"only {teams.Count} team roles");
        Assert.Contains(teams, t => t.Bindings.Count >= 10);
        foreach (var (arn, bindings) in teams)
        {
            var cluster = Assert.Single(bindings.Select(b => b.Cluster).Distinct());
            var ns = Assert.Single(bindings.Select(b => b.ServiceAccount.Namespace).Distinct());
            Assert.True(bindings.Count >= 2, $"{arn} is used by one ServiceAccount only");
            var statement = Assert.Single(Statements(estate.FindRole(arn)!.TrustPolicy));
            var account = estate.FindAccount(cluster.AccountId)!;
            Assert.Equal(account.OidcProviderArn(account.FindOidcProvider(cluster.OidcIssuer!)!), statement.Provider);
            Assert.Equal(bindings.Select(b => $"system:serviceaccount:{ns}:{b.ServiceAccount.Name}").Order(StringComparer.Ordinal), statement.Subjects.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Shared_bindings_sit_on_standard_clusters_and_carry_one_seed()
    {
        var generated = Generate(20, 3_000, 900, 13, 4);

        var shared = generated.Seeds.Where(s => s.Condition is SeededCondition.SharedRole or SeededCondition.MultiClusterTrust).Select(s => s.BindingKey).ToHashSet();
        var reseeded = generated.Seeds.Where(s => shared.Contains(s.BindingKey) && s.Condition is not (SeededCondition.SharedRole or SeededCondition.MultiClusterTrust)).ToList();

        Assert.True(shared.Count > 1_500, $"only {shared.Count} shared bindings");
        Assert.Empty(reseeded);
        Assert.Equal(shared.Count, generated.Seeds.Count(s => shared.Contains(s.BindingKey)));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(1)]
    public void Every_seeded_condition_is_planted_in_a_default_sized_estate_whatever_the_target(int roles)
    {
        var generated = Generate(8, 200, roles, 5);

        var missing = Enum.GetValues<SeededCondition>().Where(c => c != SeededCondition.SimpleIrsa && generated.Seeds.All(s => s.Condition != c)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void A_target_above_the_service_account_count_gives_every_filler_service_account_its_own_role()
    {
        var generated = Generate(10, 1_000, 1_000_000, 7, 3);
        var users = Bindings(generated.Estate).GroupBy(b => b.ServiceAccount.RoleArn!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var simple = generated.Seeds.Where(s => s.Condition == SeededCondition.SimpleIrsa).ToList();

        Assert.NotEmpty(simple);
        Assert.All(simple, s => Assert.Equal(1, users[Find(generated.Estate, s.BindingKey).RoleArn!]));
    }

    [Fact]
    public void A_target_below_what_the_planted_conditions_need_gives_the_fewest_roles_it_can()
    {
        var fewest = Generate(20, 2_000, 1, 3);
        var target = Generate(20, 2_000, 600, 3);

        Assert.True(fewest.ApplicationRoles < target.ApplicationRoles, $"{fewest.ApplicationRoles} roles for a target of 1, {target.ApplicationRoles} for 600");
        // 2,000 requested + 100 identities already on Pod Identity (5 per 100, GeneratorOptions.ServiceAccounts).
        Assert.Equal(2_000 + 100, fewest.Estate.Clusters.Sum(c => c.ServiceAccounts.Count(s => s.Namespace != "kube-system")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_target_below_one_is_refused_naming_the_option(int roles)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Generate(8, 200, roles, 1));

        Assert.Contains("Roles", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_estate_with_shared_roles_loads_without_validation_errors()
    {
        var json = EstateFile.Serialize(Generate(12, 2_000, 500, 9, 3).Estate);

        var result = EstateFile.Parse(json, "generated.json");

        Assert.True(result.Success, string.Join("\n", result.Errors));
    }

    /// <summary>Roles made for application ServiceAccounts: an IRSA trust that names no kube-system ServiceAccount (add-on roles do).</summary>
    private static int ApplicationRoles(Estate estate) => estate.Accounts.SelectMany(a => a.Roles)
        .Count(r => r.TrustPolicy.Contains("sts:AssumeRoleWithWebIdentity", StringComparison.Ordinal)
            && !r.TrustPolicy.Contains(":kube-system:", StringComparison.Ordinal));

    private static List<(Cluster Cluster, ServiceAccount ServiceAccount)> Bindings(Estate estate) =>
        estate.Clusters.SelectMany(c => c.ServiceAccounts.Where(s => s.RoleArn is not null).Select(s => (c, s))).ToList();

    /// <summary>Roles all of whose bindings were seeded with the condition and nothing else.</summary>
    private static List<(string Arn, List<(Cluster Cluster, ServiceAccount ServiceAccount)> Bindings)> RolesSeededOnlyWith(GeneratedEstate generated, SeededCondition condition)
    {
        var seeds = generated.Seeds.ToLookup(s => s.BindingKey, s => s.Condition, StringComparer.Ordinal);
        return Bindings(generated.Estate).GroupBy(b => b.ServiceAccount.RoleArn!, StringComparer.Ordinal)
            .Where(g => g.All(b => seeds[$"{b.Cluster.Key}/{b.ServiceAccount.Namespace}/{b.ServiceAccount.Name}"].SequenceEqual([condition])))
            .Select(g => (g.Key, g.ToList()))
            .ToList();
    }

    private static List<(string Provider, List<string> Subjects)> Statements(string trustPolicy)
    {
        using var doc = JsonDocument.Parse(trustPolicy);
        return doc.RootElement.GetProperty("Statement").EnumerateArray().Select(s =>
        {
            var provider = s.GetProperty("Principal").GetProperty("Federated").GetString()!;
            var sub = s.GetProperty("Condition").GetProperty("StringEquals").EnumerateObject().Single(p => p.Name.EndsWith(":sub", StringComparison.Ordinal)).Value;
            var subjects = sub.ValueKind == JsonValueKind.Array ? sub.EnumerateArray().Select(v => v.GetString()!).ToList() : [sub.GetString()!];
            return (provider, subjects);
        }).ToList();
    }

    private static ServiceAccount Find(Estate estate, string bindingKey)
    {
        var parts = bindingKey.Split('/');
        return estate.FindCluster(parts[0], parts[1], parts[2])!.FindServiceAccount(parts[3], parts[4])!;
    }
}
