using Microsoft.Extensions.Options;
using Migrator.Core.Assessment;

namespace Migrator.Assessment;

/// <summary>Validates the "Assessment" section at start-up, reporting every problem with its configuration path.</summary>
public sealed class AssessmentSettingsValidator : IValidateOptions<AssessmentSettings>
{
    public ValidateOptionsResult Validate(string? name, AssessmentSettings options)
    {
        var problems = AssessmentSettingsValidation.Validate(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
