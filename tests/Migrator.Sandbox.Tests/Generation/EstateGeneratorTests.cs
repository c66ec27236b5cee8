using System.Text.Json;
using Migrator.Core.Assessment;

namespace Migrator.Sandbox.Tests.Generation;

public sealed class EstateGeneratorTests
{
    private static string Generate(int seed, int clusters = 8, int serviceAccounts = 200, int? accounts = null) =>
        EstateFile.Serialize(EstateGenerator.Generate(new GeneratorOptions { Clusters = clusters, ServiceAccounts = serviceAccounts, Seed = seed, Accounts = accounts }).Estate);

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        Assert.Equal(Generate(42), Generate(42));
    }

    [Fact]
    public void Different_seeds_give_different_files()
    {
        Assert.NotEqual(Generate(1), Generate(2));
    }

    [Fact]
    public void Every_seeded_condition_is_planted_in_a_default_sized_estate()
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = 8, ServiceAccounts = 200, Seed = 5 });

        var missing = Enum.GetValues<SeededCondition>().Where(c => generated.Seeds.All(s => s.Condition != c)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Generated_estate_loads_without_validation_errors()
    {
        var json = Generate(9, clusters: 10, serviceAccounts: 300);

        var result = EstateFile.Parse(json, "generated.json");

        Assert.True(result.Success, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Generated_file_contains_the_estate_only_not_the_seeds()
    {
        var json = Generate(3);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["formatVersion", "seed", "accounts", "clusters"], doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.DoesNotContain("SimpleIrsa", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Service_account_count_matches_the_request()
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = 8, ServiceAccounts = 150, Seed = 11 });

        var application = generated.Estate.Clusters.Sum(c => c.ServiceAccounts.Count(s => s.Namespace != "kube-system"));

        // 150 requested + 5 identities already on Pod Identity (GeneratorOptions.ServiceAccounts: 5 per 100, at least 5).
        Assert.Equal(150 + 5, application);
    }

    [Fact]
    public void Seeded_bindings_exist_in_the_estate()
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = 8, ServiceAccounts = 200, Seed = 13 });
        var keys = generated.Estate.Clusters.SelectMany(c => c.ServiceAccounts.Select(s => $"{c.Key}/{s.Namespace}/{s.Name}")).ToHashSet();

        Assert.All(generated.Seeds, s => Assert.Contains(s.BindingKey, keys));
    }

    [Fact]
    public void Broken_cases_are_really_broken_in_the_estate()
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = 8, ServiceAccounts = 200, Seed = 17 });
        var estate = generated.Estate;

        foreach (var seed in generated.Seeds)
        {
            var (cluster, sa) = Find(estate, seed.BindingKey);
            switch (seed.Condition)
            {
                case SeededCondition.RoleMissing:
                    Assert.Null(estate.FindRole(sa.RoleArn!));
                    break;
                case SeededCondition.MalformedAnnotation:
                    Assert.False(IamArn.TryParseRole(sa.RoleArn, out _, out _, out _), sa.RoleArn);
                    break;
                case SeededCondition.OidcProviderMissing:
                    Assert.True(IamArn.TryParseRole(sa.RoleArn, out var roleAccount, out _, out _));
                    Assert.NotEqual(cluster.AccountId, roleAccount);
                    Assert.Null(estate.FindAccount(roleAccount)!.FindOidcProvider(cluster.OidcIssuer!));
                    Assert.Contains(OidcProvider.NormalizeUrl(cluster.OidcIssuer!), estate.FindRole(sa.RoleArn!)!.TrustPolicy, StringComparison.Ordinal);
                    break;
                case SeededCondition.WrongAudience:
                    Assert.NotEqual("sts.amazonaws.com", sa.Annotations[ServiceAccount.AudienceAnnotation]);
                    break;
                case SeededCondition.SubjectMismatch:
                    Assert.DoesNotContain($"system:serviceaccount:{sa.Namespace}:{sa.Name}\"", estate.FindRole(sa.RoleArn!)!.TrustPolicy, StringComparison.Ordinal);
                    break;
                case SeededCondition.ExistingAssociationDifferentRole:
                    Assert.NotEqual(sa.RoleArn, cluster.FindAssociation(sa.Namespace, sa.Name)!.RoleArn);
                    break;
                case SeededCondition.ExistingAssociationSameRole:
                    Assert.Equal(sa.RoleArn, cluster.FindAssociation(sa.Namespace, sa.Name)!.RoleArn);
                    Assert.Contains("pods.eks.amazonaws.com", estate.FindRole(sa.RoleArn!)!.TrustPolicy, StringComparison.Ordinal);
                    break;
                case SeededCondition.UnusedServiceAccount:
                    Assert.DoesNotContain(cluster.Workloads, w => w.Namespace == sa.Namespace && w.ServiceAccountName == sa.Name);
                    break;
                case SeededCondition.ChinaRegion:
                    Assert.Equal("aws-cn", cluster.Partition);
                    Assert.StartsWith("arn:aws-cn:iam::", sa.RoleArn, StringComparison.Ordinal);
                    break;
            }
        }
    }

    [Fact]
    public void Trust_policies_are_written_like_eksctl_and_terraform_write_them()
    {
        var estate = EstateGenerator.Generate(new GeneratorOptions { Clusters = 3, ServiceAccounts = 40, Seed = 21 }).Estate;
        var cluster = estate.Clusters[0];
        var sa = cluster.ServiceAccounts.First(s => s.Namespace != "kube-system" && s.RoleArn is not null && estate.FindRole(s.RoleArn) is not null);
        var issuer = OidcProvider.NormalizeUrl(cluster.OidcIssuer!);

        using var doc = JsonDocument.Parse(estate.FindRole(sa.RoleArn!)!.TrustPolicy);
        var statement = doc.RootElement.GetProperty("Statement")[0];

        Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
        Assert.Equal($"arn:aws:iam::{cluster.AccountId}:oidc-provider/{issuer}", statement.GetProperty("Principal").GetProperty("Federated").GetString());
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("sts.amazonaws.com", equals.GetProperty($"{issuer}:aud").GetString());
        Assert.True(equals.TryGetProperty($"{issuer}:sub", out _) || statement.GetProperty("Condition").GetProperty("StringLike").TryGetProperty($"{issuer}:sub", out _));
    }

    [Fact]
    public void Expected_categories_follow_the_domain()
    {
        Assert.Equal(BindingCategory.Broken, SeededBinding.ExpectedCategoryOf(SeededCondition.OidcProviderMissing));
        Assert.Equal(BindingCategory.KeepIrsa, SeededBinding.ExpectedCategoryOf(SeededCondition.FargateWorkload));
        Assert.Equal(BindingCategory.Coordinate, SeededBinding.ExpectedCategoryOf(SeededCondition.SharedRole));
        Assert.Equal(BindingCategory.Unused, SeededBinding.ExpectedCategoryOf(SeededCondition.UnusedServiceAccount));
        Assert.Equal(BindingCategory.Migrated, SeededBinding.ExpectedCategoryOf(SeededCondition.ExistingAssociationSameRole));
        Assert.Equal(BindingCategory.Ready, SeededBinding.ExpectedCategoryOf(SeededCondition.SimpleIrsa));
    }

    [Fact]
    public async Task Generated_estate_serves_with_stale_pods_kept_and_others_materialised()
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = 8, ServiceAccounts = 120, Seed = 23 });
        var stale = generated.Seeds.First(s => s.Condition == SeededCondition.StalePods);
        var fargate = generated.Seeds.First(s => s.Condition == SeededCondition.FargateWorkload);

        await using var server = await SandboxServer.StartAsync(generated.Estate, new SandboxOptions(), CancellationToken.None);

        server.State.Read(estate =>
        {
            var (cluster, sa) = Find(estate, stale.BindingKey);
            var pods = cluster.Pods.Where(p => p.Namespace == sa.Namespace && p.ServiceAccountName == sa.Name).ToList();
            Assert.NotEmpty(pods);
            Assert.All(pods, p => Assert.True(p.StartTime < sa.AnnotationsUpdatedAt));
            Assert.All(pods, p => Assert.DoesNotContain(p.Containers.SelectMany(c => c.Env), e => e.Name == "AWS_ROLE_ARN"));
            Assert.All(pods, p => Assert.NotNull(cluster.FindNode(p.NodeName!)));

            var (fc, fsa) = Find(estate, fargate.BindingKey);
            var fargatePods = fc.Pods.Where(p => p.Namespace == fsa.Namespace && p.ServiceAccountName == fsa.Name).ToList();
            Assert.NotEmpty(fargatePods);
            Assert.All(fargatePods, p => Assert.Equal("fargate", fc.FindNode(p.NodeName!)!.Labels[Node.ComputeTypeLabel]));
            return 0;
        });
    }

    private static (Cluster Cluster, ServiceAccount ServiceAccount) Find(Estate estate, string bindingKey)
    {
        var parts = bindingKey.Split('/');
        var cluster = estate.FindCluster(parts[0], parts[1], parts[2])!;
        return (cluster, cluster.FindServiceAccount(parts[3], parts[4])!);
    }
}
