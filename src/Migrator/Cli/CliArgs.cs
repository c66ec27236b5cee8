using System.Globalization;

namespace Migrator.Cli;

/// <summary>Parsed options of one verb, checked against its <see cref="OptionSpec"/> list.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionals { get; }

    private CliArgs(List<string> positionals) => Positionals = positionals;

    public static CliArgs Parse(IReadOnlyList<string> tokens, IReadOnlyList<OptionSpec> specs, int maxPositionals)
    {
        var positionals = new List<string>();
        var args = new CliArgs(positionals);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token == "--")
            {
                positionals.Add(token);
                continue;
            }
            var name = token;
            string? inline = null;
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = token[..eq];
                inline = token[(eq + 1)..];
            }
            var spec = specs.FirstOrDefault(s => s.Name == name)
                ?? throw new UsageException($"unknown option '{name}'. Valid options: {string.Join(", ", specs.Select(s => s.Name))}.");
            if (spec.IsFlag)
            {
                if (inline is not null)
                    throw new UsageException($"option '{name}' is a flag and takes no value.");
                args._flags.Add(name);
                continue;
            }
            var value = inline ?? (i + 1 < tokens.Count ? tokens[++i] : throw new UsageException($"option '{name}' needs a value ({spec.ValueName ?? "VALUE"})."));
            if (!args._values.TryGetValue(name, out var list))
                args._values[name] = list = [];
            else if (!spec.Repeatable)
                throw new UsageException($"option '{name}' was given more than once.");
            list.Add(value);
        }
        foreach (var spec in specs.Where(s => s.Required && !args._values.ContainsKey(s.Name)))
            throw new UsageException($"option '{spec.Name}' ({spec.ValueName ?? "VALUE"}) is required.");
        if (positionals.Count > maxPositionals)
            throw new UsageException($"unexpected argument '{positionals[maxPositionals]}'.");
        return args;
    }

    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);
    public bool Flag(string name) => _flags.Contains(name);
    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;
    public string Required(string name) => Value(name) ?? throw new UsageException($"option '{name}' is required.");
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : [];

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
