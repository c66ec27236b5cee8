using System.Globalization;
using Migrator.Cli;

namespace Migrator.Verbs.Plan;

internal static class PhaseArgument
{
    public static int Parse(CliArgs args) =>
        args.Positionals.Count == 1 && int.TryParse(args.Positionals[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException("give the phase number, e.g. 'migrator phase run 1' ('migrator plan show' lists the phases).");
}
