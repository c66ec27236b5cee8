using Microsoft.Extensions.Options;
using Migrator.Aws.Configuration;
using Migrator.Core.Ports;

namespace Migrator.Verbs.Inventory;

/// <summary>The accounts and regions of the Aws:Accounts configuration.</summary>
public sealed class AwsAccountScopes(IOptions<AwsOptions> options) : IAccountScopes
{
    public IReadOnlyList<AccountScope> GetScopes() =>
        options.Value.Accounts.Select(a => new AccountScope(a.Id, a.Regions.ToList())).ToList();
}
