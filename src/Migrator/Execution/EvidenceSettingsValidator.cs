using Microsoft.Extensions.Options;
using Migrator.Core.Evidence;

namespace Migrator.Execution;

/// <summary>Section "Evidence": every problem at once, each with its configuration path.</summary>
public sealed class EvidenceSettingsValidator : IValidateOptions<EvidenceSettings>
{
    public ValidateOptionsResult Validate(string? name, EvidenceSettings options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
