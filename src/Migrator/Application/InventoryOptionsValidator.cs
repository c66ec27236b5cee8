using Microsoft.Extensions.Options;

namespace Migrator.Application;

/// <summary>Validates the "Inventory" section at start-up, reporting every problem with its configuration path.</summary>
public sealed class InventoryOptionsValidator : IValidateOptions<InventoryOptions>
{
    public ValidateOptionsResult Validate(string? name, InventoryOptions options)
    {
        var failures = new List<string>();
        if (options.MaxParallelClusters is not (>= 1 and <= 256))
            failures.Add($"{InventoryOptions.Section}:{nameof(InventoryOptions.MaxParallelClusters)} must be a whole number from 1 to 256; got '{options.MaxParallelClusters}'.");
        if (options.AuthorizationDetailsMinRoles is not (>= 0 and <= 100_000))
            failures.Add($"{InventoryOptions.Section}:{nameof(InventoryOptions.AuthorizationDetailsMinRoles)} must be a whole number from 0 to 100000 (0 = always use GetAccountAuthorizationDetails); got '{options.AuthorizationDetailsMinRoles}'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
