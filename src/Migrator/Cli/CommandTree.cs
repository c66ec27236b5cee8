using System.CommandLine;

namespace Migrator.Cli;

/// <summary>
/// The System.CommandLine tree: one command per verb ("plan approve" is "approve" under "plan"), each with its typed
/// options and the global ones; --help, --version and the [suggest] directive (dotnet-suggest tab completion) come with
/// the root command.
/// </summary>
public static class CommandTree
{
    /// <summary>No response files: a value such as "--by @alice" is a name, not a file to read.</summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    public static RootCommand Build(IReadOnlyList<IVerb> verbs, Func<VerbCommand, ParseResult, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("migrator: move EKS workloads from IRSA to EKS Pod Identity, safely, across many clusters.\n" +
            "Exit codes: 0 ok, 1 failure, 2 usage, 3 invalid input, 4 partial, 5 regressions (run). " +
            "Any verb also takes configuration overrides --Section:Key=value.");
        foreach (var verb in verbs.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            var words = verb.Name.Split(' ');
            Command parent = root;
            foreach (var group in words[..^1])
            {
                var existing = parent.Subcommands.FirstOrDefault(c => c.Name == group);
                if (existing is null)
                {
                    existing = new Command(group, VerbCatalog.Groups.GetValueOrDefault(group, $"{group} verbs"));
                    parent.Subcommands.Add(existing);
                }
                parent = existing;
            }
            var command = new VerbCommand(words[^1], verb.Summary, verb.Options.Select(o => o.Spec).ToList(), verb.MaxPositionals, verb.PositionalHelp, GlobalOptions.Specs, verb);
            command.SetAction((result, ct) => run(command, result, ct));
            parent.Subcommands.Add(command);
        }
        return root;
    }
}
