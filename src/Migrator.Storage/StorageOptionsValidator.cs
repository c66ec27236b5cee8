using Microsoft.Extensions.Options;

namespace Migrator.Storage;

/// <summary>Reports every problem with the Storage section, each with its configuration path.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
            failures.Add("Storage:Path is empty: set it (or pass --db FILE) to the SQLite file to keep state in.");
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            failures.Add($"Storage:Path '{options.Path}' contains characters that are not valid in a path.");
        else if (Directory.Exists(options.Path))
            failures.Add($"Storage:Path '{options.Path}' is a directory: name a file inside it, e.g. '{System.IO.Path.Combine(options.Path, "migrator.db")}'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
