using System.CommandLine;

namespace Migrator.Cli;

/// <summary>Parsed options of one verb, checked against its <see cref="OptionSpec"/> list.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionals { get; }

    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    private CliArgs(List<string> positionals) => Positionals = positionals;

    /// <summary>The options of <paramref name="command"/> as System.CommandLine parsed them (types and arity already checked).</summary>
    public static CliArgs From(ParseResult result, VerbCommand command)
    {
        var positionals = command.Positionals switch
        {
            Argument<string> one => result.GetValue(one) is { } value ? [value] : [],
            Argument<string[]> many => [.. result.GetValue(many) ?? []],
            _ => new List<string>(),
        };
        var args = new CliArgs(positionals);
        foreach (var (spec, option) in command.VerbOptions)
        {
            args._declared.Add(spec.Name);
            if (result.GetResult(option) is not { Implicit: false } given)
                continue;
            if (spec.IsFlag)
            {
                if (result.GetValue((Option<bool>)option))
                    args._flags.Add(spec.Name);
                continue;
            }
            args._values[spec.Name] = given.Tokens.Select(t => t.Value).ToList();
        }
        return args;
    }

    /// <summary>Parses a verb's own tokens (no global options) with System.CommandLine; a usage error throws <see cref="UsageException"/>.</summary>
    public static CliArgs Parse(IReadOnlyList<string> tokens, IVerb verb)
    {
        var command = new VerbCommand("verb", "", verb.Options.Select(o => o.Spec).ToList(), verb.MaxPositionals, null, []);
        var result = command.Parse(tokens, CommandTree.Parsing);
        if (result.Errors.Count > 0)
            throw new UsageException(string.Join(" ", result.Errors.Select(e => e.Message)));
        return From(result, command);
    }

    /// <summary>The value of <paramref name="option"/>, read as its verb declared it.</summary>
    public T Get<T>(VerbOption<T> option) => option.Read(Raw(option));

    /// <summary>The option was given on the command line.</summary>
    public bool Has(VerbOption option) => Raw(option).Given;

    /// <summary>A handler reading an option its verb does not declare is a bug (it would otherwise read as "not given").</summary>
    private OptionValues Raw(VerbOption option)
    {
        var name = option.Spec.Name;
        if (!_declared.Contains(name))
            throw new InvalidOperationException($"the verb reads option '{name}', which it does not declare (declared: {string.Join(", ", _declared)}).");
        return new OptionValues(name, _flags.Contains(name), _values.TryGetValue(name, out var v) ? v : []);
    }
}
