using System.CommandLine;
using System.CommandLine.Parsing;
using Migrator.Configuration;

namespace Migrator.Cli;

/// <summary>What System.CommandLine found wrong with the command line, as "error:" lines with the fix (exit 2).</summary>
public static class UsageErrors
{
    public static void Write(TextWriter stderr, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        foreach (var error in parsed.Errors)
            stderr.WriteLine($"error: {error.Message}");
        foreach (var token in parsed.UnmatchedTokens)
        {
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal))
                stderr.WriteLine($"  '{token}': a configuration override is written --Section:Key=value (one token, with '=').");
            else if (NearestName.For(token, command.Subcommands.Select(c => c.Name).Concat(command.Options.Select(o => o.Name))) is { } near)
                stderr.WriteLine($"  '{token}': did you mean '{near}'?");
        }
        stderr.WriteLine($"Run '{Path(parsed.CommandResult)} --help' for {(command is VerbCommand ? "its options" : "the verbs")}.");
    }

    /// <summary>"migrator plan approve" for the command reached, whatever the executable is called.</summary>
    public static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            if (c.Parent is not null)
                names.Add(c.Command.Name);
        }
        names.Add("migrator");
        names.Reverse();
        return string.Join(' ', names);
    }
}
