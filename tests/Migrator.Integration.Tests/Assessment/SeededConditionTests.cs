using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Assessment;

/// <summary>On generated sandbox estates every seeded condition gets the right category and reason (issue #5 "done when").</summary>
public class SeededConditionTests
{
    /// <summary>The reason each condition must produce; null when none is expected (the binding stays clean).</summary>
    private static string? ExpectedReason(SeededCondition c) => c switch
    {
        SeededCondition.SimpleIrsa or SeededCondition.NamespaceWildcardTrust or SeededCondition.AutoModeCluster => null,
        SeededCondition.SharedRole => ReasonCodes.SharedRole,
        SeededCondition.MultiClusterTrust => ReasonCodes.MultiCluster,
        SeededCondition.GitHubActionsTrust => ReasonCodes.ExternalFederation,
        SeededCondition.CrossAccountRole => ReasonCodes.CrossAccount,
        SeededCondition.FargateWorkload => ReasonCodes.Fargate,
        SeededCondition.WindowsWorkload => ReasonCodes.Windows,
        SeededCondition.HybridWorkload => ReasonCodes.Hybrid,
        SeededCondition.UnusedServiceAccount => ReasonCodes.NoWorkloads,
        SeededCondition.AddonRole => ReasonCodes.AddonOwned,
        SeededCondition.OidcProviderMissing => ReasonCodes.OidcProviderMissing,
        SeededCondition.WrongAudience => ReasonCodes.AudienceMismatch,
        SeededCondition.SubjectMismatch => ReasonCodes.TrustDenies,
        SeededCondition.MalformedAnnotation => ReasonCodes.MalformedAnnotation,
        SeededCondition.RoleMissing => ReasonCodes.RoleMissing,
        SeededCondition.ExistingAssociationSameRole => ReasonCodes.Migrated,
        SeededCondition.ExistingAssociationDifferentRole => ReasonCodes.AssociationOtherRole,
        SeededCondition.ClusterVersionUnsupported or SeededCondition.PlatformVersionBelowMinimum => ReasonCodes.ClusterUnsupported,
        SeededCondition.ChinaRegion => ReasonCodes.ChinaRegion,
        SeededCondition.AgentAddonMissing => ReasonCodes.AgentMissing,
        SeededCondition.StalePods => ReasonCodes.StalePodEnv,
        SeededCondition.HardCodedWebIdentityEnv => ReasonCodes.HardcodedWebIdentityEnv,
        SeededCondition.PodIdentityOnly => ReasonCodes.Migrated,
        SeededCondition.PodIdentityTrustMissing or SeededCondition.SessionTagsDisabledUnderTagTrust or SeededCondition.TargetRoleChainBroken
            => SeededBinding.ExpectedPodIdentityReason(c),
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "a new seeded condition needs an expected reason here"),
    };

    /// <summary>
    /// The generator's expected category, except StalePods: issue #5 lists "pods running with stale env" under Broken
    /// IRSA (the pods silently use the node role), so the assessment says Broken where the generator says Ready.
    /// </summary>
    private static BindingCategory ExpectedCategory(SeededCondition c) =>
        c == SeededCondition.StalePods ? BindingCategory.Broken : SeededBinding.ExpectedCategoryOf(c);

    /// <summary>
    /// An association to the same role is Migrated only once the pods carry the Pod Identity env. The generator dates
    /// those associations after the pods started, so the webhook gave the running pods IRSA: a restart is pending.
    /// </summary>
    private static (BindingCategory Category, string Reason) SameRoleAssociation(BindingAssessment b, InventorySnapshot snapshot) =>
        snapshot.Pods.Where(p => p.Cluster == b.Key.Cluster && p.Namespace == b.Key.Namespace && p.ServiceAccountName == b.Key.ServiceAccount)
            .All(p => p.CredentialMode == CredentialMode.PodIdentity)
            ? (BindingCategory.Migrated, ReasonCodes.Migrated)
            : (BindingCategory.Ready, ReasonCodes.RestartPending);

    [Theory]
    [InlineData(8, 120, 1)]
    [InlineData(8, 200, 42)]
    [InlineData(12, 300, 7)]
    public void Every_seeded_condition_gets_its_category_and_reason(int clusters, int serviceAccounts, int seed)
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = clusters, ServiceAccounts = serviceAccounts, Seed = seed });
        EstateMaterializer.Prepare(generated.Estate, PodAdmission.Discover());
        var snapshot = EstateSnapshot.From(generated.Estate);
        var result = Assessor.Assess(snapshot, new AssessmentSettings(), DateTimeOffset.Parse("2026-11-28T10:00:00Z"));
        AssertSeedsFound(generated.Seeds, result, snapshot);
    }

    /// <summary>With a role target the filler's ServiceAccounts share fleet and team roles: their seeds must hold as well.</summary>
    [Theory]
    [InlineData(12, 1000, 7, 300)]
    [InlineData(8, 200, 42, 1)]
    public void Every_seeded_condition_gets_its_category_and_reason_with_shared_roles(int clusters, int serviceAccounts, int seed, int roles)
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = clusters, ServiceAccounts = serviceAccounts, Seed = seed, Roles = roles });
        EstateMaterializer.Prepare(generated.Estate, PodAdmission.Discover());
        var snapshot = EstateSnapshot.From(generated.Estate);
        var result = Assessor.Assess(snapshot, new AssessmentSettings(), DateTimeOffset.Parse("2026-11-28T10:00:00Z"));
        AssertSeedsFound(generated.Seeds, result, snapshot);
    }

    /// <summary>End to end: the estate served by the sandbox, collected by 'migrator inventory' over HTTP, then 'migrator assess'.</summary>
    [Fact]
    public async Task Seeded_conditions_survive_inventory_over_the_sandbox_and_assess()
    {
        var dir = Directory.CreateTempSubdirectory("assess-seeds-").FullName;
        try
        {
            var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = 8, ServiceAccounts = 120, Seed = 3 });
            var estateFile = Path.Combine(dir, "estate.json");
            var db = Path.Combine(dir, "state.db");
            EstateFile.Save(generated.Estate, estateFile);
            foreach (var args in new[] { new[] { "inventory", "--sandbox", "--estate", estateFile, "--db", db, $"--Sandbox:StateFile={Path.Combine(dir, "sandbox-state.json")}" }, ["assess", "--db", db] })
            {
                using var stdout = new StringWriter();
                using var stderr = new StringWriter();
                var code = await global::Migrator.Cli.CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
                Assert.True(code == global::Migrator.Cli.ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}: {stderr}");
            }
            using var factory = new global::Migrator.Storage.SqliteConnectionFactory(db, new global::Migrator.Storage.SchemaMigrator(), TimeProvider.System);
            var snapshot = await new global::Migrator.Storage.Inventory.SqliteInventoryStore(factory).LoadSnapshotAsync(null, CancellationToken.None);
            var result = await new global::Migrator.Storage.Assessment.SqliteAssessmentStore(factory).LoadAsync(null, CancellationToken.None);
            AssertSeedsFound(generated.Seeds, result!, snapshot!);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertSeedsFound(IReadOnlyList<SeededBinding> seeds, AssessmentResult result, InventorySnapshot snapshot)
    {
        var byKey = result.Bindings.ToDictionary(b => b.Key.ToString());
        var failures = new List<string>();
        foreach (var group in seeds.GroupBy(s => s.BindingKey))
        {
            if (!byKey.TryGetValue(group.Key, out var binding))
            {
                failures.Add($"{group.Key}: seeded [{string.Join(", ", group.Select(s => s.Condition))}] but not assessed");
                continue;
            }
            var expected = group.Select(s => s.Condition == SeededCondition.ExistingAssociationSameRole
                ? SameRoleAssociation(binding, snapshot).Category : ExpectedCategory(s.Condition)).MinBy(CategoryPrecedence.Rank);
            if (binding.Category != expected)
                failures.Add($"{group.Key}: seeded [{string.Join(", ", group.Select(s => s.Condition))}] expected {expected}, got {binding.Category} [{string.Join(", ", binding.Reasons.Select(r => r.Code))}]");
            foreach (var s in group)
            {
                var reason = s.Condition == SeededCondition.ExistingAssociationSameRole ? SameRoleAssociation(binding, snapshot).Reason : ExpectedReason(s.Condition);
                if (reason is { } code && binding.Reasons.All(r => r.Code != code))
                    failures.Add($"{group.Key}: seeded {s.Condition} but reason {code} missing [{string.Join(", ", binding.Reasons.Select(r => r.Code))}]");
            }
            if (group.All(s => ExpectedReason(s.Condition) is null) && binding.Reasons.FirstOrDefault(r => r.Severity != ReasonSeverity.Info) is { } extra)
                failures.Add($"{group.Key}: seeded [{string.Join(", ", group.Select(s => s.Condition))}] should be clean, got {extra.Code}: {extra.Evidence}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {seeds.Count} seeds wrong:\n" + string.Join("\n", failures.Take(40)));

        var wildcardRoles = seeds.Where(s => s.Condition == SeededCondition.NamespaceWildcardTrust).Select(s => byKey[s.BindingKey].RoleArn).ToList();
        Assert.NotEmpty(wildcardRoles);
        Assert.All(wildcardRoles, role => Assert.Contains(result.RoleFindings, f => f.RoleArn == role && f.Code == ReasonCodes.SecurityWildcardSubject));
        Assert.All(Enum.GetValues<SeededCondition>().Where(c => c != SeededCondition.SimpleIrsa),
            c => Assert.Contains(seeds, s => s.Condition == c));
    }
}
