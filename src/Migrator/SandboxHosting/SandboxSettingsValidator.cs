using Microsoft.Extensions.Options;

namespace Migrator.SandboxHosting;

/// <summary>Reports every problem with the Sandbox section's generated estate at once, each with its configuration path.</summary>
public sealed class SandboxSettingsValidator : IValidateOptions<SandboxSettings>
{
    public ValidateOptionsResult Validate(string? name, SandboxSettings options)
    {
        var failures = new List<string>();
        var g = options.Generate;
        if (g.Clusters < 1)
            failures.Add($"Sandbox:Generate:Clusters is {g.Clusters}: the generated estate needs at least 1 cluster.");
        if (g.ServiceAccounts < 0)
            failures.Add($"Sandbox:Generate:ServiceAccounts is {g.ServiceAccounts}: use 0 or more.");
        if (g.Accounts is < 1)
            failures.Add($"Sandbox:Generate:Accounts is {g.Accounts}: use at least 1, or leave it out to derive it from the cluster count.");
        if (g.Roles is < 1)
            failures.Add($"Sandbox:Generate:Roles is {g.Roles}: use at least 1 (the target number of application IRSA roles), or leave it out for one role per service account.");
        for (var i = 0; i < options.Realism.GetRoleUnavailable.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Realism.GetRoleUnavailable[i]))
                failures.Add($"Sandbox:Realism:GetRoleUnavailable:{i} is empty: name a role (its name or ARN) whose GetRole should answer 503.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
