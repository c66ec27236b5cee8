using Microsoft.Extensions.Options;
using Migrator.Core.Ownership;

namespace Migrator.Application;

/// <summary>Section "Owners": every problem at once, each with its configuration path.</summary>
public sealed class OwnershipSettingsValidator : IValidateOptions<OwnershipSettings>
{
    public ValidateOptionsResult Validate(string? name, OwnershipSettings options)
    {
        var problems = new List<string>();
        foreach (var (key, _) in options.TerraformTags.Where(t => string.IsNullOrWhiteSpace(t.Key)))
            problems.Add($"{OwnershipSettings.Section}:TerraformTags: a tag key is empty. Fix: name the tag your Terraform sets, e.g. \"managed-by\": \"terraform\".");
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (string.IsNullOrWhiteSpace(rule.Key) || rule.Key == "*")
                problems.Add($"{OwnershipSettings.Section}:Rules:{i}:Key: empty or '*'. Fix: name the tag, label or annotation key (a trailing '*' matches a prefix).");
            if (rule.Owner == OwnerKind.EksAddon)
                problems.Add($"{OwnershipSettings.Section}:Rules:{i}:Owner: EksAddon is known from the EKS add-on API, not from metadata. Fix: use Terraform, CloudFormation, Eksctl, Helm, ArgoCd or Flux.");
            var forRole = rule.Owner is OwnerKind.Terraform or OwnerKind.CloudFormation or OwnerKind.Eksctl;
            if (forRole != (rule.Source == OwnerSource.RoleTag))
                problems.Add($"{OwnershipSettings.Section}:Rules:{i}:Source: {rule.Owner} owns {(forRole ? "roles: use RoleTag" : "ServiceAccounts: use ServiceAccountLabel or ServiceAccountAnnotation")}.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
