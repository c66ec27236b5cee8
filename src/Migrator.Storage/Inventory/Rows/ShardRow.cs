using Migrator.Core.Inventory.Sharding;

namespace Migrator.Storage.Inventory.Rows;

public sealed class ShardRow
{
    public long RunId { get; set; }
    public long Shard { get; set; }
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public long AccountLevel { get; set; }
    public string Status { get; set; } = "";
    public string? Worker { get; set; }
    public long Attempts { get; set; }
    public string? StartedAt { get; set; }
    public string? CompletedAt { get; set; }
    public string? Error { get; set; }

    public const string Columns = "run_id AS RunId, shard AS Shard, account_id AS AccountId, region AS Region, account_level AS AccountLevel, status AS Status, " +
        "worker AS Worker, attempts AS Attempts, started_at AS StartedAt, completed_at AS CompletedAt, error AS Error";

    public static ShardRow From(long runId, InventoryShard s) => new()
    {
        RunId = runId,
        Shard = s.Index,
        AccountId = s.AccountId,
        Region = s.Region,
        AccountLevel = s.AccountLevel ? 1 : 0,
        Status = s.Status.ToString(),
        Worker = s.Worker,
        Attempts = s.Attempts,
        StartedAt = StorageFormat.Time(s.StartedAt),
        CompletedAt = StorageFormat.Time(s.CompletedAt),
        Error = s.Error,
    };

    public InventoryShard ToShard() => new()
    {
        Index = (int)Shard,
        AccountId = AccountId,
        Region = Region,
        AccountLevel = AccountLevel != 0,
        Status = StorageFormat.Enum<ShardStatus>(Status),
        Worker = Worker,
        Attempts = (int)Attempts,
        StartedAt = StorageFormat.ParseTimeOrNull(StartedAt),
        CompletedAt = StorageFormat.ParseTimeOrNull(CompletedAt),
        Error = Error,
    };
}
