namespace Migrator.Core.Assessment.Rules;

/// <summary>Lists the IRSA leftovers of an identity in <see cref="IdentityLifecycle.CleanupPending"/> as cleanup.* reasons.</summary>
internal sealed class CleanupItemsRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b) =>
        b.Lifecycle == IdentityLifecycle.CleanupPending ? b.Leftovers : [];
}
