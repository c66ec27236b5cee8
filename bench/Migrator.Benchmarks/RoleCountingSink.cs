using System.Collections.Concurrent;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;

namespace Migrator.Benchmarks;

/// <summary>
/// Passes a collection's parts on to storage and counts the roles they carry per account: what the minimal-call floor
/// needs (one GetAccountAuthorizationDetails page per 1,000 roles per account), without holding the roles. Says when
/// the run was begun in storage (<paramref name="begun"/>): the collection waits for it before the first cluster.
/// </summary>
internal sealed class RoleCountingSink(IInventoryPartSink inner, Action begun) : IInventoryPartSink
{
    private readonly ConcurrentDictionary<string, int> _roles = new(StringComparer.Ordinal);

    /// <summary>The roles stored per account, accounts in no particular order.</summary>
    public IReadOnlyList<int> RolesPerAccount => [.. _roles.Values];

    public async Task BeginAsync(DateTimeOffset startedAt, CancellationToken ct)
    {
        await inner.BeginAsync(startedAt, ct);
        begun();
    }

    public Task AppendAsync(InventoryPart part, CancellationToken ct)
    {
        foreach (var role in part.Rows.Roles)
            _roles.AddOrUpdate(role.AccountId, 1, (_, n) => n + 1);
        return inner.AppendAsync(part, ct);
    }
}
