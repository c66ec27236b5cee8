using Migrator.Integration.Tests.Postgres;
using Migrator.Scheduling;
using Npgsql;

namespace Migrator.Integration.Tests.Worker;

/// <summary>Quartz's PostgreSQL schema as the worker provisions it before its scheduler starts.</summary>
public sealed class QuartzPostgresSchemaTests
{
    [Fact]
    public void The_script_is_quartzs_own_with_the_table_prefix_filled_in()
    {
        var statements = QuartzPostgresSchema.Statements();
        Assert.Contains(statements, s => s.StartsWith("CREATE TABLE IF NOT EXISTS qrtz_job_details", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.StartsWith("CREATE TABLE IF NOT EXISTS qrtz_scheduler_state", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains("{0}", StringComparison.Ordinal) || s.Contains("{1}", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task Workers_starting_together_create_the_scheduler_schema_and_a_second_start_changes_nothing()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        var workers = Enumerable.Range(0, 4).Select(_ => new QuartzPostgresSchema(schema.ConnectionString)).ToList();

        var ran = await Task.WhenAll(workers.Select(w => w.ProvisionAsync(CancellationToken.None)));
        await workers[0].ProvisionAsync(CancellationToken.None);

        Assert.All(ran, n => Assert.Equal(QuartzPostgresSchema.Statements().Count, n));
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'qrtz\\_%'", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 11);
    }
}
