using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Planning;

/// <summary>
/// P0: the eks-pod-identity-agent add-on must be ACTIVE (built into Auto Mode), and node roles need
/// eks-auth:AssumeRoleForPodIdentity, which AmazonEKSWorkerNodePolicy grants (DOMAIN.md "EKS Pod Identity").
/// </summary>
internal static class Prerequisites
{
    private const string WorkerNodePolicy = "AmazonEKSWorkerNodePolicy";

    public static (IReadOnlyList<PrerequisiteFinding> Findings, IReadOnlyList<PlanStep> Steps) Check(
        IReadOnlyList<ClusterRef> clusters, IReadOnlyDictionary<ClusterRef, ClusterInventory> inventory, IReadOnlyDictionary<string, RoleRecord> roles)
    {
        var findings = new List<PrerequisiteFinding>();
        var steps = new List<PlanStep>();
        foreach (var cluster in clusters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var c = inventory[cluster];
            if (c.AutoMode)
            {
                findings.Add(new(cluster, "pod-identity-agent", true, "EKS Auto Mode: the agent is built in"));
                continue;
            }
            if (string.Equals(c.PodIdentityAgentStatus, "ACTIVE", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new(cluster, "pod-identity-agent", true, $"add-on {Planner.PodIdentityAgentAddon} {c.PodIdentityAgentVersion} is ACTIVE"));
            }
            else
            {
                var detail = c.PodIdentityAgentStatus is null ? "add-on not installed: P0 creates it" : $"add-on status {c.PodIdentityAgentStatus}: P0 waits for ACTIVE";
                findings.Add(new(cluster, "pod-identity-agent", false, detail));
                steps.Add(new EnsurePodIdentityAgentStep { Id = $"p0/agent/{cluster.Key}", Cluster = cluster, AddonName = Planner.PodIdentityAgentAddon });
            }
            if (c.NodeRoleArns.Count == 0)
                findings.Add(new(cluster, "node-role-permission", false, "no managed node group role found: check that the nodes' role grants eks-auth:AssumeRoleForPodIdentity"));
            foreach (var nodeRole in c.NodeRoleArns)
            {
                if (!roles.TryGetValue(nodeRole, out var r))
                    findings.Add(new(cluster, "node-role-permission", false, $"{nodeRole} not inventoried: check it grants eks-auth:AssumeRoleForPodIdentity"));
                else if (r.AttachedPolicies.Any(p => p == WorkerNodePolicy || p.EndsWith("/" + WorkerNodePolicy, StringComparison.Ordinal)))
                    findings.Add(new(cluster, "node-role-permission", true, $"{nodeRole} has {WorkerNodePolicy} (eks-auth:AssumeRoleForPodIdentity)"));
                else
                    findings.Add(new(cluster, "node-role-permission", false, $"{nodeRole} lacks {WorkerNodePolicy}: grant eks-auth:AssumeRoleForPodIdentity (inline policies were not checked)"));
            }
        }
        return (findings, steps);
    }
}
