using System.CommandLine;
using System.Globalization;

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
    public static CliArgs Parse(IReadOnlyList<string> tokens, IReadOnlyList<OptionSpec> specs, int maxPositionals)
    {
        var command = new VerbCommand("verb", "", specs, maxPositionals, null, []);
        var result = command.Parse(tokens, CommandTree.Parsing);
        if (result.Errors.Count > 0)
            throw new UsageException(string.Join(" ", result.Errors.Select(e => e.Message)));
        return From(result, command);
    }

    public bool Has(string name) => Declared(name) && (_flags.Contains(name) || _values.ContainsKey(name));
    public bool Flag(string name) => Declared(name) && _flags.Contains(name);
    public string? Value(string name) => Declared(name) && _values.TryGetValue(name, out var v) ? v[^1] : null;
    public string Required(string name) => Value(name) ?? throw new UsageException($"option '{name}' is required.");
    public IReadOnlyList<string> Values(string name) => Declared(name) && _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>The verb declares the option (for helpers shared by verbs that do and do not).</summary>
    public bool Declares(string name) => _declared.Contains(name);

    /// <summary>A verb reading an option it does not declare is a bug (a typo would otherwise read as "not given").</summary>
    private bool Declared(string name) => _declared.Contains(name)
        ? true
        : throw new InvalidOperationException($"the verb reads option '{name}', which it does not declare (declared: {string.Join(", ", _declared)}).");

    /// <summary>Comma-separated or repeated values, e.g. --format html,md.</summary>
    public IReadOnlyList<string> List(string name) =>
        Values(name).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public int? WholeNumber(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var raw = Value(name);
        if (raw is null) return null;
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new UsageException($"option '{name}' must be a whole number from {min} to {max}; got '{raw}'.");
        return n;
    }

    public long? LongNumber(string name)
    {
        var raw = Value(name);
        if (raw is null) return null;
        return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"option '{name}' must be a whole number; got '{raw}'.");
    }

    /// <summary>One of the allowed words (case-insensitive), or the default.</summary>
    public string Choice(string name, string defaultValue, params string[] allowed)
    {
        var raw = Value(name) ?? defaultValue;
        return allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"option '{name}' must be one of {string.Join(", ", allowed)}; got '{raw}'.");
    }
}
