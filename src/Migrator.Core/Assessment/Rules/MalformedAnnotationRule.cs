namespace Migrator.Core.Assessment.Rules;

/// <summary>IRSA fails with "ValidationError: Request ARN is invalid" (DOMAIN.md failure modes).</summary>
internal sealed class MalformedAnnotationRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (!b.Annotated || b.Arn is not null) yield break;
        yield return new Finding(ReasonCodes.MalformedAnnotation,
            "The role-arn annotation is not a valid IAM role ARN",
            $"annotation eks.amazonaws.com/role-arn='{b.RawRoleArn}' on {b.Key.Display}: {b.ArnProblem}; STS answers 'ValidationError: Request ARN is invalid'",
            "Fix the annotation to arn:aws:iam::ACCOUNT:role/[PATH/]NAME, restart the workloads, then re-run the assessment.");
    }
}
