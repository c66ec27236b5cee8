using System.Data.Common;

namespace Migrator.Storage;

/// <summary>Opens a connection and brings its database to the latest schema; a connection that fails to migrate is closed, never handed out.</summary>
internal static class MigratedConnection
{
    public static async Task<T> OpenAsync<T>(Func<CancellationToken, Task<T>> open, Func<T, CancellationToken, Task> migrate, CancellationToken ct)
        where T : DbConnection
    {
        var connection = await open(ct);
        try
        {
            await migrate(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
