namespace Migrator.Core.Inventory;

/// <summary>
/// A piece of a run written in parts (<see cref="Ports.IInventoryRunWriter"/>): one cluster's rows, one account's roles,
/// or the run-level rows (the other roles, OIDC providers, errors, notes, usage). <see cref="Position"/> places it in the
/// stored run: a cluster's ordinal among the clusters in key order (ACCOUNT/REGION/NAME), so a run stored in the order
/// clusters finish loads back in key order, as a run saved whole; an account's roles after every cluster, in account
/// order (<see cref="RolesPosition"/>); <see cref="RunLevel"/> last.
/// </summary>
public sealed record InventoryPart(int Position, InventorySnapshot Rows)
{
    /// <summary>The position of the run-level rows, after every cluster's.</summary>
    public const int RunLevel = MaxPosition;

    /// <summary>
    /// The position of the roles of the account at <paramref name="accountOrdinal"/> (the run's accounts in order) in a
    /// run of <paramref name="clusterCount"/> clusters: after every cluster, before the run-level rows.
    /// </summary>
    public static int RolesPosition(int clusterCount, int accountOrdinal)
    {
        var position = clusterCount + accountOrdinal;
        if (clusterCount < 0 || accountOrdinal < 0 || position >= RunLevel)
            throw new ArgumentOutOfRangeException(nameof(accountOrdinal), position, $"an account's roles are placed after the run's clusters and before {RunLevel}.");
        return position;
    }

    /// <summary>Positions are 0 … 2^20 − 1 (a million clusters per shard); rows per list and part below 2^24.</summary>
    public const int MaxPosition = (1 << 20) - 1;
    public const int MaxRowsPerList = 1 << 24;

    /// <summary>The stored order of row <paramref name="index"/> of this part within shard <paramref name="shard"/>.</summary>
    public long Seq(int shard, int index)
    {
        if (Position is < 0 or > MaxPosition)
            throw new InvalidOperationException($"a part's position is 0 … {MaxPosition}, not {Position}.");
        if (index is < 0 or >= MaxRowsPerList)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"a part holds fewer than {MaxRowsPerList} rows per list.");
        return ((long)shard << 44) | ((long)Position << 24) | (long)index;
    }
}
