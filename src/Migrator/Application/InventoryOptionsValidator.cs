using Microsoft.Extensions.Options;

namespace Migrator.Application;

/// <summary>Validates the "Inventory" section at start-up, reporting every problem with its configuration path.</summary>
public sealed class InventoryOptionsValidator : IValidateOptions<InventoryOptions>
{
    public ValidateOptionsResult Validate(string? name, InventoryOptions options) =>
        options.MaxParallelClusters is >= 1 and <= 256
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{InventoryOptions.Section}:{nameof(InventoryOptions.MaxParallelClusters)} must be a whole number from 1 to 256; got '{options.MaxParallelClusters}'.");
}
