namespace Migrator.Core.Assessment.Rules;

/// <summary>One concern checked against one binding. Severity and weight come from the catalog and settings.</summary>
internal interface IAssessmentRule
{
    IEnumerable<Finding> Evaluate(BindingContext binding);
}

/// <summary>A rule's raw output: the code, what was observed (evidence) and what to do.</summary>
internal sealed record Finding(string Code, string Summary, string Evidence, string SuggestedAction);
