using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Pod Identity runs on Linux EC2 nodes only (and Auto Mode, where the agent is built in); not on Fargate, Windows or
/// hybrid nodes (DOMAIN.md "NOT supported"). One instance per unsupported placement.
/// </summary>
internal sealed class UnsupportedPlacementRule(Placement placement, string code, string label) : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        var pods = b.Pods.Where(p => p.Placement == placement).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"pod {p.Name} on node {p.NodeName ?? "(unscheduled)"}").ToList();
        var templates = b.Workloads.Where(w => w.TemplatePlacement == placement).OrderBy(w => w.Name, StringComparer.Ordinal)
            .Select(w => $"{w.Kind} {w.Name} pins {label} in its pod template").ToList();
        if (pods.Count == 0 && templates.Count == 0) yield break;
        yield return new Finding(code,
            $"Pods run on {label}, where EKS Pod Identity is not supported",
            $"{b.Key.Display}: {BindingContext.List(pods.Concat(templates))} ({pods.Count} of {b.Pods.Count} pods on {label})",
            $"Keep IRSA for this binding while it runs on {label}; move the workload to Linux EC2 nodes first if it must migrate.");
    }
}
