using System.Collections.Concurrent;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;

namespace Migrator.Benchmarks;

/// <summary>
/// Passes a collection's parts on to storage and counts the roles they carry per account: what the minimal-call floor
/// needs (one GetAccountAuthorizationDetails page per 1,000 roles per account), without holding the roles.
/// </summary>
internal sealed class RoleCountingSink(IInventoryPartSink inner) : IInventoryPartSink
{
    private readonly ConcurrentDictionary<string, int> _roles = new(StringComparer.Ordinal);

    /// <summary>The roles stored per account, accounts in no particular order.</summary>
    public IReadOnlyList<int> RolesPerAccount => [.. _roles.Values];

    public Task BeginAsync(DateTimeOffset startedAt, CancellationToken ct) => inner.BeginAsync(startedAt, ct);

    public Task AppendAsync(InventoryPart part, CancellationToken ct)
    {
        foreach (var role in part.Rows.Roles)
            _roles.AddOrUpdate(role.AccountId, 1, (_, n) => n + 1);
        return inner.AppendAsync(part, ct);
    }
}
