namespace Migrator.Core.Assessment.Rules;

/// <summary>A cluster collected partially may hide pods or workloads: every verdict there is less certain.</summary>
internal sealed class ClusterPartialRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Cluster?.CollectionError is not { } error) yield break;
        yield return new Finding(ReasonCodes.ClusterPartial,
            "The cluster was collected partially",
            $"{BindingContext.Describe(b.Key.Cluster)}: {error}",
            "Fix access to the cluster and re-run the inventory before acting on this verdict.");
    }
}
