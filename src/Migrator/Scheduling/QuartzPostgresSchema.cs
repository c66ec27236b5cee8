using Microsoft.Extensions.Hosting;
using Migrator.Storage;
using Npgsql;
using Quartz;

namespace Migrator.Scheduling;

/// <summary>
/// Creates Quartz's PostgreSQL schema (its own create_postgres.sql, tables qrtz_*; every statement CREATE ... IF NOT
/// EXISTS) before the scheduler starts. Workers starting together take turns on an advisory lock: PostgreSQL's
/// CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin (both may pass the check, one then fails), and two
/// replicas of a Deployment start together. Registered ahead of Quartz's hosted service, which then finds the schema.
/// </summary>
public sealed class QuartzPostgresSchema(string connectionString) : IHostedService
{
    public const string TablePrefix = "qrtz_";
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
    private const long ProvisioningLock = 0x4D49_4752_5154_5A53; // "MIGRQTZS"

    /// <summary>The statements, with Quartz's table prefix placeholders ({0}, {1}) filled in.</summary>
    public static IReadOnlyList<string> Statements()
    {
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the Quartz assembly has no resource {Resource}; is the Quartz package the version Migrator was built with?");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
        return script.Split("\n--;;", StringSplitOptions.TrimEntries)
            .Select(s => string.Join('\n', s.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }

    /// <summary>Creates what is missing, in one transaction, under the provisioning lock; returns the statements run.</summary>
    public async Task<int> ProvisionAsync(CancellationToken ct)
    {
        var description = new NpgsqlConnectionStringBuilder(connectionString) is var b ? $"the PostgreSQL database '{b.Database ?? b.Username}' on {b.Host}:{b.Port}" : "";
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@Key);", connection, tx))
            {
                lockCommand.Parameters.AddWithValue("Key", ProvisioningLock);
                await lockCommand.ExecuteNonQueryAsync(ct);
            }
            var statements = Statements();
            foreach (var statement in statements)
            {
                await using var command = new NpgsqlCommand(statement, connection, tx);
                await command.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            return statements.Count;
        }
        catch (NpgsqlException e)
        {
            throw new StorageException(
                $"cannot create the scheduler's tables ({TablePrefix}*) in {description}: {(e is PostgresException p ? p.MessageText : e.Message).TrimEnd('.')}. " +
                "The user of Storage:ConnectionString needs CREATE on the database's schema for the first start.", e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => ProvisionAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
