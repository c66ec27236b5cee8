namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Pod Identity needs the eks-pod-identity-agent add-on (built into Auto Mode). Missing is not a blocker: the plan
/// installs it, but it is a step and a dependency.
/// </summary>
internal sealed class AgentRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        // With an association, an inactive agent is broken.pod-identity-agent-inactive (PodIdentityAuditRule).
        if (b.Associations.Count > 0 || b.Cluster is not { AutoMode: false } c) yield break;
        if (string.Equals(c.PodIdentityAgentStatus, "ACTIVE", StringComparison.OrdinalIgnoreCase)) yield break;
        var state = c.PodIdentityAgentStatus is null ? "is not installed" : $"is {c.PodIdentityAgentStatus} (version {c.PodIdentityAgentVersion})";
        yield return new Finding(ReasonCodes.AgentMissing,
            "The Pod Identity agent is not installed or not active",
            $"add-on eks-pod-identity-agent on {BindingContext.Describe(c.Ref)} {state}; the cluster is not in Auto Mode",
            "The plan installs (or repairs) the eks-pod-identity-agent add-on before the first association in this cluster.");
    }
}
