using System.Globalization;
using Migrator.Cli;

namespace Migrator.Verbs.Inventory;

/// <summary>Run ids given as positionals.</summary>
internal static class RunIds
{
    public static long? At(CliArgs args, int index)
    {
        if (args.Positionals.Count <= index) return null;
        var raw = args.Positionals[index];
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException($"'{raw}' is not a run id: give the number shown by 'migrator runs list'.");
    }
}
