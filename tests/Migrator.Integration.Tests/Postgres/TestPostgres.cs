using Npgsql;

namespace Migrator.Integration.Tests.Postgres;

/// <summary>
/// The PostgreSQL server of the PostgreSQL variants: MIGRATORTEST_POSTGRES holds its connection string (.ci/run
/// starts one with .ci/postgres and sets it). Without it the variants are skipped with that reason, unless
/// MIGRATORTEST_REQUIRE_POSTGRES=1 (set by .ci/run): then they run and fail, loudly, instead of passing unseen.
/// Not MIGRATOR_*: the CLI reads every MIGRATOR_ variable as configuration and rejects unknown sections.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "MIGRATORTEST_POSTGRES";
    public const string RequireVariable = "MIGRATORTEST_REQUIRE_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why the PostgreSQL variants are skipped here, or null when they run.</summary>
    public static string? SkipReason => ConnectionString is null && !Required
        ? $"PostgreSQL variant: {Variable} is not set (start a server with '.ci/postgres start DIR' and export {Variable}=<the connection string it prints>; .ci/run does this)"
        : null;

    /// <summary>A fresh schema of its own (dropped on dispose), so tests in parallel never see each other's rows.</summary>
    public static async Task<PostgresTestSchema> CreateSchemaAsync()
    {
        var server = ConnectionString ?? throw new InvalidOperationException(
            $"{RequireVariable}=1 but {Variable} is not set: the PostgreSQL variants must run here. Start a server with '.ci/postgres start DIR' and export {Variable}.");
        var schema = "t_" + Guid.NewGuid().ToString("N")[..20];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresTestSchema(server, schema);
    }
}

/// <summary>One test's schema: <see cref="ConnectionString"/> puts it first on the search path.</summary>
public sealed class PostgresTestSchema(string server, string schema) : IAsyncDisposable
{
    public string Schema => schema;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE;", connection);
        await command.ExecuteNonQueryAsync();
    }
}
