using Microsoft.Extensions.Options;
using Npgsql;

namespace Migrator.Storage;

/// <summary>Reports every problem with the Storage section, each with its configuration path.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        switch (options.ParsedProvider)
        {
            case null:
                failures.Add($"Storage:Provider '{options.Provider}' is not a storage provider: use 'sqlite' (the default: a state file at Storage:Path) or 'postgres' (Storage:ConnectionString).");
                break;
            case StorageProvider.Sqlite:
                CheckPath(options, failures);
                break;
            case StorageProvider.Postgres:
                CheckConnectionString(options, failures);
                break;
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPath(StorageOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
            failures.Add("Storage:Path is empty: set it (or pass --db FILE) to the SQLite file to keep state in.");
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            failures.Add($"Storage:Path '{options.Path}' contains characters that are not valid in a path.");
        else if (Directory.Exists(options.Path))
            failures.Add($"Storage:Path '{options.Path}' is a directory: name a file inside it, e.g. '{System.IO.Path.Combine(options.Path, "migrator.db")}'.");
    }

    private static void CheckConnectionString(StorageOptions options, List<string> failures)
    {
        const string fix = "set it to an Npgsql connection string, e.g. 'Host=db.example.com;Database=migrator;Username=migrator;Password=...', best from a secret through the environment variable MIGRATOR_Storage__ConnectionString";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"Storage:ConnectionString is empty but Storage:Provider is 'postgres': {fix}.");
            return;
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
                failures.Add($"Storage:ConnectionString names no Host: {fix}.");
        }
        catch (ArgumentException e)
        {
            // The message of Npgsql names the keyword, never the password's value.
            failures.Add($"Storage:ConnectionString is not a valid PostgreSQL connection string ({e.Message.TrimEnd('.')}): {fix}.");
        }
    }
}
