namespace Migrator.Core.Assessment.Rules;

/// <summary>The annotated role does not exist (IAM answered NoSuchEntity), or could not be read at all.</summary>
internal sealed class RoleMissingRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null) yield break;
        if (b.Role is { Exists: false })
        {
            yield return new Finding(ReasonCodes.RoleMissing,
                "The annotated role does not exist",
                $"IAM GetRole for {b.Arn.Value} (account {b.Arn.AccountId}) answered NoSuchEntity; pods of {b.Key.Display} cannot assume it",
                "Recreate the role or point the annotation at the right role; if the workload no longer needs AWS, remove the annotation.");
        }
        else if (b.Role?.LookupError is { } lookupError)
        {
            yield return RoleLookup.Failed(b.Arn.Value, b.Arn.AccountId, lookupError, "trust and existence checks were not made");
        }
        else if (b.Role is null)
        {
            const string why = "the role is not in the inventory (account not inventoried?)";
            yield return new Finding(ReasonCodes.RoleUnreadable,
                "The role could not be read; trust and existence checks were skipped",
                $"role {b.Arn.Value} in account {b.Arn.AccountId}: {why}",
                $"Add account {b.Arn.AccountId} to Aws:Accounts (or grant iam:GetRole) and re-run the inventory.");
        }
    }
}
