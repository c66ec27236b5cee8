namespace Migrator.Core.Assessment.Rules;

/// <summary>An annotated ServiceAccount nothing uses: deleting it is cheaper and safer than migrating it.</summary>
internal sealed class NoWorkloadsRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.HasWorkloads) yield break;
        var inNamespace = b.Estate.WorkloadsInNamespace(b.Key.Cluster, b.Key.Namespace);
        yield return new Finding(ReasonCodes.NoWorkloads,
            "No pods or workloads use the ServiceAccount",
            $"no pod and none of the {inNamespace} workloads in namespace {b.Key.Namespace} of {BindingContext.Describe(b.Key.Cluster)} use serviceAccountName {b.Key.ServiceAccount}",
            "Delete the ServiceAccount (and its trust subject) instead of migrating it; confirm no CronJob or external tool creates pods with it.");
    }
}
