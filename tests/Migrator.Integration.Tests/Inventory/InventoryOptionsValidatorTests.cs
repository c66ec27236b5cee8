using Migrator.Application;

namespace Migrator.Integration.Tests.Inventory;

public sealed class InventoryOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(100_000)]
    public void AuthorizationDetailsMinRoles_from_0_to_100000_is_accepted(int value) =>
        Assert.True(new InventoryOptionsValidator().Validate(null, new InventoryOptions { AuthorizationDetailsMinRoles = value }).Succeeded);

    [Fact]
    public void A_negative_AuthorizationDetailsMinRoles_and_a_bad_MaxParallelClusters_are_both_reported_with_their_paths()
    {
        var result = new InventoryOptionsValidator().Validate(null, new InventoryOptions { AuthorizationDetailsMinRoles = -1, MaxParallelClusters = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Inventory:AuthorizationDetailsMinRoles must be a whole number from 0 to 100000 (0 = always use GetAccountAuthorizationDetails); got '-1'.", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Inventory:MaxParallelClusters must be a whole number from 1 to 256; got '0'.", result.FailureMessage, StringComparison.Ordinal);
    }
}
