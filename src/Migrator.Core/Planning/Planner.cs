using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>
/// Turns an assessment into phases (pure): P0 prerequisites, P1 canary, waves by cluster/namespace, then one cleanup
/// per migration phase after the soak. Excluded bindings are listed with their reasons.
/// </summary>
public static class Planner
{
    public const string PodIdentityAgentAddon = "eks-pod-identity-agent";

    public static MigrationPlan Create(AssessmentResult assessment, InventorySnapshot snapshot, PlanningSettings settings, DateTimeOffset now)
    {
        var clusters = snapshot.Clusters.ToDictionary(c => c.Ref);
        var roles = snapshot.Roles.GroupBy(r => r.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var serviceAccounts = snapshot.ServiceAccounts.GroupBy(sa => sa.Key).ToDictionary(g => g.Key, g => g.First());

        var excluded = new List<ExcludedBinding>();
        var candidates = new List<PlannedBinding>();
        // Identities without an IRSA annotation (Pod Identity only) have nothing to migrate: neither planned nor excluded.
        foreach (var a in assessment.Bindings.Where(b => b.IrsaAnnotated).OrderBy(b => b.Key.ToString(), StringComparer.Ordinal))
        {
            var guard = Guard(a, clusters, roles);
            if (guard is not null)
            {
                excluded.Add(guard);
                continue;
            }
            clusters.TryGetValue(a.Key.Cluster, out var cluster);
            candidates.Add(new PlannedBinding
            {
                Key = a.Key,
                RoleArn = a.RoleArn,
                Category = a.Category,
                Score = a.Score,
                CoordinationGroup = a.Category == BindingCategory.Coordinate ? a.CoordinationGroup ?? a.RoleArn : null,
                OwningAddon = a.OwningAddon,
                Issuer = RoleArns.IssuerHostPath(cluster?.OidcIssuer),
                PodCount = a.PodCount,
                Workloads = a.Workloads,
                RoleOwner = roles.TryGetValue(a.RoleArn, out var role) ? role.Owner : null,
                ServiceAccountOwner = serviceAccounts.TryGetValue(a.Key, out var sa) ? sa.Owner : null,
                RoleMode = Ownership.OwnerModes.Of(settings.OwnerModes, roles.TryGetValue(a.RoleArn, out var r) ? r.Owner : null),
                ServiceAccountMode = a.OwningAddon is null ? Ownership.OwnerModes.Of(settings.OwnerModes, serviceAccounts.TryGetValue(a.Key, out var s) ? s.Owner : null) : Ownership.ExecutionMode.Direct,
            });
        }

        // Trust is computed per role at planning time; a role whose rewrite is refused leaves the plan with its
        // bindings (and the plan is cut again without them, so canary and waves hold only what can be written).
        while (true)
        {
            var (phases, migrating, prerequisites) = Cut(candidates, snapshot, clusters, roles, settings);
            var (scoped, refused) = TrustScoping.Apply(phases, roles, settings);
            if (refused.Count > 0)
            {
                foreach (var b in candidates.Where(b => refused.ContainsKey(b.RoleArn)))
                    excluded.Add(new ExcludedBinding(b.Key, b.RoleArn, b.Category, [refused[b.RoleArn]]));
                candidates = candidates.Where(b => !refused.ContainsKey(b.RoleArn)).ToList();
                continue;
            }

            var plannedRoles = migrating.Select(b => b.RoleArn).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(arn => roles.TryGetValue(arn, out var r)
                    ? new PlannedRole(arn, r.AccountId, r.Name, r.TrustPolicy)
                    : new PlannedRole(arn, RoleArns.AccountOf(arn), RoleArns.NameOf(arn), null))
                .ToList();

            return new MigrationPlan
            {
                Id = $"plan-{assessment.RunId}-{now.UtcDateTime:yyyyMMddHHmmss}",
                RunId = assessment.RunId,
                CreatedAt = now,
                Settings = settings,
                Phases = ChangeSetSteps.Apply(scoped),
                Excluded = excluded.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal).ToList(),
                Prerequisites = prerequisites,
                Roles = plannedRoles,
            };
        }
    }

    /// <summary>Canary, waves, prerequisites and cleanups for the candidates.</summary>
    private static (List<Phase> Phases, List<PlannedBinding> Migrating, IReadOnlyList<PrerequisiteFinding> Prerequisites) Cut(List<PlannedBinding> candidates,
        InventorySnapshot snapshot, Dictionary<ClusterRef, ClusterInventory> clusters, Dictionary<string, RoleRecord> roles, PlanningSettings settings)
    {
        var canary = candidates
            .Where(b => b.Category == BindingCategory.Ready && b.OwningAddon is null)
            // A canary proves something only if the tool can restart and verify it: prefer restartable workloads.
            .OrderByDescending(b => b.Workloads.Any(w => w.Kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet or WorkloadKind.DaemonSet))
            .ThenByDescending(b => b.Score).ThenBy(b => b.PodCount).ThenBy(b => b.Key.ToString(), StringComparer.Ordinal)
            .Take(Math.Max(0, settings.CanarySize))
            .ToList();
        var waves = Waves.Cut(candidates.Except(canary).ToList(), Math.Max(1, settings.MaxWaveSize));

        var phases = new List<Phase>();
        var migrating = canary.Concat(waves.SelectMany(w => w.Bindings)).ToList();
        var (prerequisites, agentSteps) = Prerequisites.Check(migrating.Select(b => b.Key.Cluster).Distinct().ToList(), clusters, roles);
        phases.Add(new Phase
        {
            Number = 0,
            Kind = PhaseKind.Prerequisites,
            Title = "P0 prerequisites: Pod Identity agent on every cluster in the plan",
            Steps = agentSteps,
            Notes = prerequisites.Where(p => !p.Satisfied).Select(p => $"{p.Cluster.Key}: {p.Check}: {p.Detail}").ToList(),
        });
        if (canary.Count > 0)
            phases.Add(MigrationPhases.Build(phases.Count, PhaseKind.Canary, $"P{phases.Count} canary: {canary.Count} lowest-risk Ready binding(s)", canary, []));
        foreach (var wave in waves)
            phases.Add(MigrationPhases.Build(phases.Count, PhaseKind.Wave, $"P{phases.Count} wave: {wave.Title}", wave.Bindings, wave.Notes));

        var migrationPhases = phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).ToList();
        phases.AddRange(CleanupPhases.Build(migrationPhases, phases.Count, snapshot, clusters, roles, settings.SoakPeriod));
        return (phases, migrating, prerequisites);
    }

    /// <summary>Why a binding is left out, or null when it migrates.</summary>
    private static ExcludedBinding? Guard(BindingAssessment a, Dictionary<ClusterRef, ClusterInventory> clusters, Dictionary<string, RoleRecord> roles)
    {
        IReadOnlyList<string> Reasons(string fallback) =>
            a.Reasons.Count > 0 ? a.Reasons.Select(r => $"{r.Code}: {r.Summary}").ToList() : [fallback];

        switch (a.Category)
        {
            case BindingCategory.KeepIrsa: return new(a.Key, a.RoleArn, a.Category, Reasons("assessment: keep IRSA"));
            case BindingCategory.Broken: return new(a.Key, a.RoleArn, a.Category, Reasons("assessment: IRSA is broken; fix or retire it first"));
            case BindingCategory.Unused: return new(a.Key, a.RoleArn, a.Category, Reasons("assessment: unused; delete rather than migrate"));
            case BindingCategory.Migrated: return new(a.Key, a.RoleArn, a.Category, Reasons("already on Pod Identity"));
            case BindingCategory.Unassessed: return new(a.Key, a.RoleArn, a.Category, Reasons("assessment: the role could not be read; re-run the inventory"));
        }
        // Defence in depth: the executor must never edit a role the plan cannot safely own.
        if (!clusters.TryGetValue(a.Key.Cluster, out var cluster))
            return new(a.Key, a.RoleArn, a.Category, ["planner: cluster is not in the inventory snapshot"]);
        if (cluster.CollectionError is not null)
            return new(a.Key, a.RoleArn, a.Category, [$"planner: cluster was not collected completely ({cluster.CollectionError}); re-run the inventory"]);
        if (RoleArns.AccountOf(a.RoleArn) != a.Key.Cluster.AccountId)
            return new(a.Key, a.RoleArn, BindingCategory.KeepIrsa, ["planner: role is in another account than the cluster; Pod Identity needs a role in the cluster's account (targetRoleArn is out of this plan)"]);
        if (roles.TryGetValue(a.RoleArn, out var role) && !role.Exists)
            return new(a.Key, a.RoleArn, BindingCategory.Broken, ["planner: role does not exist"]);
        return null;
    }
}
