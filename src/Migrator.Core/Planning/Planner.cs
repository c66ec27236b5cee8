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
        var builder = new PlanBasisBuilder(assessment.RunId, snapshot.Clusters, snapshot.Roles, settings);
        foreach (var sa in snapshot.IrsaBindings)
            builder.AddServiceAccount(sa.Key, sa.RoleArn!, sa.Owner);
        foreach (var verdict in assessment.Bindings)
            builder.AddVerdict(verdict);
        return builder.Build();
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
            var scoping = new TrustScoping(basis.TrustPolicies, settings);
            // A role's document as rewritten so far is needed until its last phase's trust step (trust steps are per
            // role of a phase's bindings): it is let go after that phase, so the walk holds the rewritten documents of
            // the roles still to come back, not of every role it has rewritten (most roles move in one phase).
            var lastCut = new Dictionary<string, int>(roles.Count, StringComparer.Ordinal);
            for (var i = 0; i < cuts.Count; i++)
                foreach (var b in cuts[i].Bindings)
                    lastCut[b.RoleArn] = i;
            for (var i = 0; i < cuts.Count; i++)
            {
                scoping.Walk(MigrationPhases.Build(cuts[i]));
                var cut = i;
                scoping.Release(cuts[i].Bindings.Select(b => b.RoleArn).Where(arn => lastCut[arn] == cut));
            }
            if (scoping.Refused.Count > 0)
            {
                // One reason list per refused role, shared by its bindings (at 100x about 7,000 roles refused for
                // 45,000 bindings).
                var refused = scoping.Refused.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)[r.Value], StringComparer.Ordinal);
                foreach (var b in candidates.Where(b => refused.ContainsKey(b.RoleArn)))
                    excluded.Add(new ExcludedBinding(b.Key, b.RoleArn, b.Category, refused[b.RoleArn]));
                candidates = candidates.Where(b => !refused.ContainsKey(b.RoleArn)).ToList();
                continue;
            }
            scoping.Walked();

            var plannedRoles = migrating.Select(b => b.RoleArn).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(arn => roles.TryGetValue(arn, out var r)
                    ? PlannedRole.Compacted(arn, r.AccountId, r.Name, basis.TrustPolicies.GetValueOrDefault(arn))
                    : PlannedRole.Compacted(arn, RoleArns.AccountOf(arn), RoleArns.NameOf(arn), null))
                .ToList();
            var header = new MigrationPlan
            {
                Id = $"plan-{basis.RunId}-{now.UtcDateTime:yyyyMMddHHmmss}",
                RunId = basis.RunId,
                CreatedAt = now,
                Settings = settings,
                Excluded = excluded.OrderBy(e => e.Key, BindingKeyTextOrder.Instance).ToList(),
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
                    .Concat(CleanupPhases.Build(cuts, 1 + cuts.Count, irsaUsers, basis.TrustPolicies, settings.SoakPeriod))
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
            .ThenByDescending(b => b.Score).ThenBy(b => b.PodCount).ThenBy(b => b.Key, BindingKeyTextOrder.Instance)
            .Take(Math.Max(0, settings.CanarySize))
            .ToList();
        // The canary's bindings by reference: Except would hash every candidate by value (a record's every field) into a
        // set as large as the candidates (160,000 at 100x, a large-object array each time the plan is cut).
        var inCanary = canary.ToHashSet(ReferenceEqualityComparer.Instance);
        var rest = new List<PlannedBinding>(candidates.Count - canary.Count);
        foreach (var b in candidates)
            if (!inCanary.Contains(b))
                rest.Add(b);
        var waves = Waves.Cut(rest, Math.Max(1, settings.MaxWaveSize));

        var cuts = new List<Phase>();
        if (canary.Count > 0)
            cuts.Add(Phase(1, PhaseKind.Canary, $"P1 canary: {canary.Count} lowest-risk Ready binding(s)", canary, []));
        foreach (var wave in waves)
            cuts.Add(Phase(1 + cuts.Count, PhaseKind.Wave, $"P{1 + cuts.Count} wave: {wave.Title}", wave.Bindings, wave.Notes));
        var migrating = new List<PlannedBinding>(canary.Count + rest.Count);
        migrating.AddRange(canary);
        foreach (var wave in waves)
            migrating.AddRange(wave.Bindings);
        var (prerequisites, agentSteps) = Prerequisites.Check(migrating.Select(b => b.Key.Cluster).Distinct().ToList(), clusters, roles);
        return (cuts, migrating, prerequisites, agentSteps);
    }

    private static Phase Phase(int number, PhaseKind kind, string title, IReadOnlyList<PlannedBinding> bindings, IReadOnlyList<string> notes) =>
        new() { Number = number, Kind = kind, Title = title, Bindings = bindings, Notes = notes };
}
