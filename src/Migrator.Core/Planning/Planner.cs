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

    /// <summary>The whole plan, steps included (see <see cref="Draft"/> for one built phase by phase).</summary>
    public static MigrationPlan Create(AssessmentResult assessment, InventorySnapshot snapshot, PlanningSettings settings, DateTimeOffset now) =>
        Draft(assessment, snapshot, settings, now).Materialize();

    /// <summary>
    /// The plan as decided, with its phases' steps built as they are walked: the planning stage stores each phase as
    /// it is built and never holds the whole plan.
    /// </summary>
    public static PlanDraft Draft(AssessmentResult assessment, InventorySnapshot snapshot, PlanningSettings settings, DateTimeOffset now) =>
        Draft(Consider(assessment, snapshot, settings), settings, now);

    /// <summary>
    /// What the plan is decided from, taken from the assessment and the snapshot: the candidates and the exclusions, and
    /// the clusters, roles and IRSA users the phases need. Neither input is needed after this: the planning stage lets
    /// go of both before the plan is cut and its trust rewrites are walked.
    /// </summary>
    public static PlanBasis Consider(AssessmentResult assessment, InventorySnapshot snapshot, PlanningSettings settings)
    {
        var clusters = snapshot.Clusters.ToDictionary(c => c.Ref);
        // One issuer string per cluster (host/path), shared by every binding and IRSA user on it.
        var issuers = clusters.ToDictionary(c => c.Key, c => RoleArns.IssuerHostPath(c.Value.OidcIssuer));
        var roles = snapshot.Roles.GroupBy(r => r.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var serviceAccounts = snapshot.ServiceAccounts.GroupBy(sa => sa.Key).ToDictionary(g => g.Key, g => g.First());

        var excluded = new List<ExcludedBinding>();
        // Exclusion reasons repeat across thousands of bindings: one string per distinct text.
        var reasonTexts = new Dictionary<(string Code, string Summary), string>();
        var candidates = new List<PlannedBinding>();
        // Identities without an IRSA annotation (Pod Identity only) have nothing to migrate: neither planned nor excluded.
        foreach (var a in assessment.Bindings.Where(b => b.IrsaAnnotated).OrderBy(b => b.Key.ToString(), StringComparer.Ordinal))
        {
            var guard = Guard(a, clusters, roles, reasonTexts);
            if (guard is not null)
            {
                excluded.Add(guard);
                continue;
            }
            candidates.Add(new PlannedBinding
            {
                Key = a.Key,
                RoleArn = a.RoleArn,
                Category = a.Category,
                Score = a.Score,
                CoordinationGroup = a.Category == BindingCategory.Coordinate ? a.CoordinationGroup ?? a.RoleArn : null,
                OwningAddon = a.OwningAddon,
                Issuer = issuers.GetValueOrDefault(a.Key.Cluster),
                PodCount = a.PodCount,
                Workloads = a.Workloads,
                RoleOwner = roles.TryGetValue(a.RoleArn, out var role) ? role.Owner : null,
                ServiceAccountOwner = serviceAccounts.TryGetValue(a.Key, out var sa) ? sa.Owner : null,
                RoleMode = Ownership.OwnerModes.Of(settings.OwnerModes, roles.TryGetValue(a.RoleArn, out var r) ? r.Owner : null),
                ServiceAccountMode = a.OwningAddon is null ? Ownership.OwnerModes.Of(settings.OwnerModes, serviceAccounts.TryGetValue(a.Key, out var s) ? s.Owner : null) : Ownership.ExecutionMode.Direct,
            });
        }

        // Past this point the plan touches only the candidates' roles (trust, cleanups, planned roles) and the clusters'
        // node roles (prerequisites): the others, with their trust policies, are let go with the snapshot. What the
        // cleanups need of the ServiceAccounts is taken now: the phases are built after this returns, and the snapshot
        // is not kept for them.
        var touched = candidates.Select(b => b.RoleArn).Concat(clusters.Values.SelectMany(c => c.NodeRoleArns)).ToHashSet(StringComparer.Ordinal);
        roles = roles.Where(r => touched.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var irsaUsers = CleanupPhases.IrsaUsers(snapshot, issuers, touched);
        var onPodIdentity = assessment.Bindings.Where(b => b.OnPodIdentity).Select(b => b.Key).ToList();
        return new PlanBasis(assessment.RunId, clusters, roles, irsaUsers, candidates, excluded, onPodIdentity);
    }

    /// <summary>The plan as decided from <paramref name="basis"/>, its phases' steps built as they are walked.</summary>
    public static PlanDraft Draft(PlanBasis basis, PlanningSettings settings, DateTimeOffset now)
    {
        var (clusters, roles, irsaUsers) = (basis.Clusters, basis.Roles, basis.IrsaUsers);
        var candidates = basis.Candidates.ToList();
        var excluded = basis.Excluded.ToList();

        // Trust is computed per role at planning time; a role whose rewrite is refused leaves the plan with its
        // bindings (and the plan is cut again without them, so canary and waves hold only what can be written).
        // Each walk builds one phase's steps at a time and keeps only the trust scopes decided.
        while (true)
        {
            var (cuts, migrating, prerequisites, agentSteps) = Cut(candidates, clusters, roles, settings);
            var scoping = new TrustScoping(roles, settings);
            foreach (var cut in cuts)
                scoping.Walk(MigrationPhases.Build(cut));
            if (scoping.Refused.Count > 0)
            {
                var refused = scoping.Refused;
                foreach (var b in candidates.Where(b => refused.ContainsKey(b.RoleArn)))
                    excluded.Add(new ExcludedBinding(b.Key, b.RoleArn, b.Category, [refused[b.RoleArn]]));
                candidates = candidates.Where(b => !refused.ContainsKey(b.RoleArn)).ToList();
                continue;
            }
            scoping.Walked();

            var plannedRoles = migrating.Select(b => b.RoleArn).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(arn => roles.TryGetValue(arn, out var r)
                    ? new PlannedRole(arn, r.AccountId, r.Name, r.TrustPolicy)
                    : new PlannedRole(arn, RoleArns.AccountOf(arn), RoleArns.NameOf(arn), null))
                .ToList();
            var header = new MigrationPlan
            {
                Id = $"plan-{basis.RunId}-{now.UtcDateTime:yyyyMMddHHmmss}",
                RunId = basis.RunId,
                CreatedAt = now,
                Settings = settings,
                Excluded = excluded.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal).ToList(),
                Prerequisites = prerequisites,
                Roles = plannedRoles,
            };
            var p0 = new Phase
            {
                Number = 0,
                Kind = PhaseKind.Prerequisites,
                Title = "P0 prerequisites: Pod Identity agent on every cluster in the plan",
                Steps = agentSteps,
                Notes = prerequisites.Where(p => !p.Satisfied).Select(p => $"{p.Cluster.Key}: {p.Check}: {p.Detail}").ToList(),
            };
            IEnumerable<Phase> Phases() =>
                new[] { p0 }
                    .Concat(cuts.Select(cut => scoping.Apply(MigrationPhases.Build(cut))))
                    .Concat(CleanupPhases.Build(cuts, 1 + cuts.Count, irsaUsers, roles, settings.SoakPeriod))
                    .Select(ChangeSetSteps.Apply);
            return new PlanDraft(header, 1 + 2 * cuts.Count, migrating, Phases);
        }
    }

    /// <summary>
    /// The canary and the waves (their bindings, without steps yet), the bindings they migrate, and the prerequisites
    /// of the clusters they touch.
    /// </summary>
    private static (List<Phase> Cuts, List<PlannedBinding> Migrating, IReadOnlyList<PrerequisiteFinding> Prerequisites, IReadOnlyList<PlanStep> AgentSteps) Cut(
        List<PlannedBinding> candidates, Dictionary<ClusterRef, ClusterInventory> clusters, Dictionary<string, RoleRecord> roles, PlanningSettings settings)
    {
        var canary = candidates
            .Where(b => b.Category == BindingCategory.Ready && b.OwningAddon is null)
            // A canary proves something only if the tool can restart and verify it: prefer restartable workloads.
            .OrderByDescending(b => b.Workloads.Any(w => w.Kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet or WorkloadKind.DaemonSet))
            .ThenByDescending(b => b.Score).ThenBy(b => b.PodCount).ThenBy(b => b.Key.ToString(), StringComparer.Ordinal)
            .Take(Math.Max(0, settings.CanarySize))
            .ToList();
        var waves = Waves.Cut(candidates.Except(canary).ToList(), Math.Max(1, settings.MaxWaveSize));

        var cuts = new List<Phase>();
        if (canary.Count > 0)
            cuts.Add(Phase(1, PhaseKind.Canary, $"P1 canary: {canary.Count} lowest-risk Ready binding(s)", canary, []));
        foreach (var wave in waves)
            cuts.Add(Phase(1 + cuts.Count, PhaseKind.Wave, $"P{1 + cuts.Count} wave: {wave.Title}", wave.Bindings, wave.Notes));
        var migrating = canary.Concat(waves.SelectMany(w => w.Bindings)).ToList();
        var (prerequisites, agentSteps) = Prerequisites.Check(migrating.Select(b => b.Key.Cluster).Distinct().ToList(), clusters, roles);
        return (cuts, migrating, prerequisites, agentSteps);
    }

    private static Phase Phase(int number, PhaseKind kind, string title, IReadOnlyList<PlannedBinding> bindings, IReadOnlyList<string> notes) =>
        new() { Number = number, Kind = kind, Title = title, Bindings = bindings, Notes = notes };

    /// <summary>Why a binding is left out, or null when it migrates.</summary>
    private static ExcludedBinding? Guard(BindingAssessment a, Dictionary<ClusterRef, ClusterInventory> clusters, Dictionary<string, RoleRecord> roles,
        Dictionary<(string Code, string Summary), string> reasonTexts)
    {
        IReadOnlyList<string> Reasons(string fallback) =>
            a.Reasons.Count > 0 ? a.Reasons.Select(r => Text(r.Code, r.Summary)).ToList() : [fallback];

        string Text(string code, string summary)
        {
            if (!reasonTexts.TryGetValue((code, summary), out var text))
                reasonTexts[(code, summary)] = text = $"{code}: {summary}";
            return text;
        }

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
