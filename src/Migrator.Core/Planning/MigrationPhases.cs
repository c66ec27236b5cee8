using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Planning;

/// <summary>
/// Steps of a canary or wave, in the safe cut-over order (DOMAIN.md "Both at once"): trust first (one write per role),
/// then per binding the association, the restarts, and the verification of the new pods.
/// </summary>
internal static class MigrationPhases
{
    /// <summary>The cut (a canary or wave with its bindings) with its steps.</summary>
    public static Phase Build(Phase cut)
    {
        var (number, bindings) = (cut.Number, cut.Bindings);
        var steps = new List<PlanStep>();
        var p = $"p{number}";
        foreach (var role in bindings.GroupBy(b => b.RoleArn, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = role.Select(b => b.Key).Order(BindingKeyTextOrder.Instance).ToList();
            steps.Add(new AddPodIdentityTrustStep
            {
                Id = $"{p}/trust/{role.Key}",
                Cluster = members[0].Cluster,
                RoleArn = role.Key,
                Bindings = members,
            });
        }
        foreach (var b in bindings.OrderBy(b => b.Key, BindingKeyTextOrder.Instance))
        {
            steps.Add(b.OwningAddon is null
                ? new CreateAssociationStep { Id = $"{p}/assoc/{b.Key}", Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn }
                : new UpdateAddonAssociationStep { Id = $"{p}/addon/{b.Key}", Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn, AddonName = b.OwningAddon });
            foreach (var w in b.Workloads.OrderBy(w => w.Kind).ThenBy(w => w.Name, StringComparer.Ordinal))
            {
                var restartable = w.Kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet or WorkloadKind.DaemonSet;
                steps.Add(restartable
                    ? new RestartWorkloadStep { Id = $"{p}/restart/{b.Key}/{w.Kind}/{w.Name}", Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn, Workload = w }
                    : new ManualRestartStep
                    {
                        Id = $"{p}/manual/{b.Key}/{w.Kind}/{w.Name}",
                        Cluster = b.Key.Cluster,
                        Binding = b.Key,
                        RoleArn = b.RoleArn,
                        Workload = w,
                        Note = $"{w.Kind} pods are not recreated by the tool: recreate them after the association exists",
                    });
            }
            steps.Add(new VerifyPodIdentityStep { Id = $"{p}/verify/{b.Key}", Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn });
        }
        return cut with { Steps = steps };
    }
}
