using Microsoft.Extensions.Options;
using Migrator.Core.Ports;

namespace Migrator.Aws.Configuration;

/// <summary>The accounts and regions to inventory, as configured under Aws:Accounts.</summary>
public sealed class ConfiguredAccountScopes(IOptions<AwsOptions> options) : IAccountScopes
{
    public IReadOnlyList<AccountScope> GetScopes() =>
        options.Value.Accounts.Select(a => new AccountScope(a.Id, a.Regions.Count > 0 ? a.Regions : [options.Value.DefaultRegion])).ToList();
}
