using Migrator.Sandbox.Conditions;

namespace Migrator.Sandbox;

/// <summary>
/// One generation: lays out accounts and clusters, plants every per-binding condition round by round, fills the
/// rest of the ServiceAccount budget, seeds the cluster-level conditions and plants the Pod Identity identities on top.
/// Every choice comes from the draft's one seeded Random, in this fixed order, so the output is reproducible.
/// </summary>
internal sealed class GenerationRun(GeneratorOptions options)
{
    /// <summary>The conditions planted on bindings, in the order each round plants them.</summary>
    private static readonly PlantedCondition[] PerBindingConditions =
    [
        new SharedRole(), new MultiClusterTrust(), new CrossAccountRole(), new GitHubActionsTrust(),
        new NamespaceWildcardTrust(), new FargateWorkload(), new WindowsWorkload(), new HybridWorkload(),
        new UnusedServiceAccount(), new OidcProviderMissing(), new WrongAudience(), new SubjectMismatch(),
        new MalformedAnnotation(), new RoleMissing(), new ExistingAssociationSameRole(),
        new ExistingAssociationDifferentRole(), new StalePods(), new HardCodedWebIdentityEnv(),
    ];

    /// <summary>The identities already on Pod Identity planted each round: two healthy, three broken.</summary>
    private static readonly PlantedCondition[] PodIdentityConditions =
    [
        new PodIdentityOnly(), new PodIdentityOnly(), new PodIdentityTrustMissing(), new SessionTagsDisabledUnderTagTrust(), new TargetRoleChainBroken(),
    ];

    public GeneratedEstate Build()
    {
        var draft = new EstateDraft(options);
        new EstateLayout(draft).Lay();
        PlantPerBindingConditions(draft);
        if (options.Roles is { } roles)
            new SharedRoleFiller(draft, roles).Fill();
        else
            SimpleBindingFiller.Fill(draft);
        ClusterLevelConditions.Seed(draft);
        PlantPodIdentityIdentities(draft);
        if (options.Owners)
            OwnerMarks.Plant(draft.Estate);
        return draft.Result();
    }

    /// <summary>One round per full 100 ServiceAccounts (at least one), while the budget lasts.</summary>
    private void PlantPerBindingConditions(EstateDraft draft)
    {
        var rounds = Math.Max(1, options.ServiceAccounts / 100);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var condition in PerBindingConditions)
            {
                if (draft.Budget <= 0)
                    return;
                condition.Plant(draft, round);
            }
        }
    }

    /// <summary>
    /// Identities already on Pod Identity (no IRSA annotation), healthy or not. Planted after everything else, on top
    /// of the ServiceAccount budget, so the rest of the estate is drawn exactly as without them.
    /// </summary>
    private void PlantPodIdentityIdentities(EstateDraft draft)
    {
        var rounds = Math.Max(1, options.ServiceAccounts / 100);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var condition in PodIdentityConditions)
                condition.Plant(draft, round);
        }
    }
}
