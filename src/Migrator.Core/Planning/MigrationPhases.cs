using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>
/// Steps of a canary or wave, in the safe cut-over order (DOMAIN.md "Both at once"): trust first (one write per role),
/// then per binding the association, the restarts, and the verification of the new pods.
/// </summary>
internal static class MigrationPhases
{
    public static Phase Build(int number, PhaseKind kind, string title, IReadOnlyList<PlannedBinding> bindings, IReadOnlyList<string> notes)
    {
        var steps = new List<PlanStep>();
        var p = $"p{number}";
        foreach (var role in bindings.GroupBy(b => b.RoleArn, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = role.Select(b => b.Key).OrderBy(k => k.ToString(), StringComparer.Ordinal).ToList();
            steps.Add(new PlanStep
            {
                Id = $"{p}/trust/{role.Key}",
                Kind = StepKind.AddPodIdentityTrust,
                Cluster = members[0].Cluster,
                RoleArn = role.Key,
                Bindings = members,
            });
        }
        foreach (var b in bindings.OrderBy(b => b.Key.ToString(), StringComparer.Ordinal))
        {
            steps.Add(b.OwningAddon is null
                ? new PlanStep { Id = $"{p}/assoc/{b.Key}", Kind = StepKind.CreateAssociation, Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn }
                : new PlanStep { Id = $"{p}/addon/{b.Key}", Kind = StepKind.UpdateAddonAssociation, Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn, AddonName = b.OwningAddon });
            foreach (var w in b.Workloads.OrderBy(w => w.Kind).ThenBy(w => w.Name, StringComparer.Ordinal))
            {
                var restartable = w.Kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet or WorkloadKind.DaemonSet;
                steps.Add(new PlanStep
                {
                    Id = $"{p}/{(restartable ? "restart" : "manual")}/{b.Key}/{w.Kind}/{w.Name}",
                    Kind = restartable ? StepKind.RestartWorkload : StepKind.ManualRestart,
                    Cluster = b.Key.Cluster,
                    Binding = b.Key,
                    RoleArn = b.RoleArn,
                    Workload = w,
                    Note = restartable ? null : $"{w.Kind} pods are not recreated by the tool: recreate them after the association exists",
                });
            }
            steps.Add(new PlanStep { Id = $"{p}/verify/{b.Key}", Kind = StepKind.VerifyPodIdentity, Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn });
        }
        return new Phase { Number = number, Kind = kind, Title = title, Bindings = bindings, Steps = steps, Notes = notes };
    }
}
