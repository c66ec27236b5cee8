using System.Globalization;

namespace Migrator.Cli;

/// <summary>
/// One option of a verb, declared once as a static field of the verb and read by its handler through
/// <see cref="CliArgs.Get{T}"/>: the field is the only way to the value, so a misspelt option is a compile error, not a null.
/// </summary>
public abstract class VerbOption
{
    private protected VerbOption(OptionSpec spec) => Spec = spec;

    /// <summary>How System.CommandLine declares it (name, help, type, required).</summary>
    public OptionSpec Spec { get; }

    public string Name => Spec.Name;

    public override string ToString() => Spec.Name;

    /// <summary>--name: true when given.</summary>
    public static VerbOption<bool> Flag(string name, string help) => new(OptionSpec.Flag(name, help), v => v.Flag);

    /// <summary>--name VALUE: the value, or null when not given.</summary>
    public static VerbOption<string?> Text(string name, string valueName, string help) => new(OptionSpec.Value(name, valueName, help), v => v.Last);

    /// <summary>--name VALUE, marked required in help; System.CommandLine refuses the command line without it (exit 2).</summary>
    public static VerbOption<string> RequiredText(string name, string valueName, string help) =>
        new(OptionSpec.Value(name, valueName, help, required: true), v => v.Last ?? throw new UsageException($"option '{v.Name}' is required."));

    /// <summary>--name N: a whole number from <paramref name="min"/> to <paramref name="max"/>, or null when not given.</summary>
    public static VerbOption<int?> Number(string name, string valueName, string help, int min = int.MinValue, int max = int.MaxValue) =>
        new(OptionSpec.Number(name, valueName, help), v => WholeNumber(v, min, max));

    /// <summary>--name N, required: a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static VerbOption<int> RequiredNumber(string name, string valueName, string help, int min = int.MinValue, int max = int.MaxValue) =>
        new(OptionSpec.Number(name, valueName, help, required: true), v => WholeNumber(v, min, max) ?? throw new UsageException($"option '{v.Name}' is required."));

    /// <summary>--name ID: a stored run id, or null when not given.</summary>
    public static VerbOption<long?> RunId(string name, string valueName, string help) => new(OptionSpec.RunId(name, valueName, help), v =>
        v.Last is not { } raw ? null
        : long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new UsageException($"option '{v.Name}' must be a whole number; got '{raw}'."));

    /// <summary>--name WORD: one of <paramref name="allowed"/> (case-insensitive, returned as listed), <paramref name="defaultValue"/> when not given.</summary>
    public static VerbOption<string> Choice(string name, string valueName, string help, string defaultValue, params string[] allowed) =>
        new(OptionSpec.Value(name, valueName, help), v =>
        {
            var raw = v.Last ?? defaultValue;
            return allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"option '{v.Name}' must be one of {string.Join(", ", allowed)}; got '{raw}'.");
        });

    /// <summary>--name WORD, required: one of <paramref name="allowed"/> (case-insensitive, returned as listed).</summary>
    public static VerbOption<string> RequiredChoice(string name, string valueName, string help, params string[] allowed) =>
        new(OptionSpec.Value(name, valueName, help, required: true), v =>
        {
            var raw = v.Last ?? throw new UsageException($"option '{v.Name}' is required.");
            return allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"option '{v.Name}' must be one of {string.Join(", ", allowed)}; got '{raw}'.");
        });

    /// <summary>--name VALUE, repeatable: every value as given.</summary>
    public static VerbOption<IReadOnlyList<string>> Many(string name, string valueName, string help) => new(OptionSpec.Many(name, valueName, help), v => v.Values);

    /// <summary>--name A,B, repeatable: the comma-separated values of every occurrence.</summary>
    public static VerbOption<IReadOnlyList<string>> ManyList(string name, string valueName, string help) => new(OptionSpec.Many(name, valueName, help), Split);

    /// <summary>--name A,B (once): the comma-separated values, e.g. --format html,md.</summary>
    public static VerbOption<IReadOnlyList<string>> CommaList(string name, string valueName, string help) => new(OptionSpec.Value(name, valueName, help), Split);

    private static IReadOnlyList<string> Split(OptionValues v) =>
        v.Values.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    private static int? WholeNumber(OptionValues v, int min, int max)
    {
        if (v.Last is not { } raw) return null;
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new UsageException($"option '{v.Name}' must be a whole number from {min} to {max}; got '{raw}'.");
        return n;
    }
}

/// <summary>An option whose value the handler reads as <typeparamref name="T"/>.</summary>
public sealed class VerbOption<T> : VerbOption
{
    private readonly Func<OptionValues, T> _read;

    internal VerbOption(OptionSpec spec, Func<OptionValues, T> read) : base(spec) => _read = read;

    internal T Read(OptionValues values) => _read(values);
}

/// <summary>What the command line gave for one option: the flag, or its values in order.</summary>
public readonly record struct OptionValues(string Name, bool Flag, IReadOnlyList<string> Values)
{
    public string? Last => Values.Count > 0 ? Values[^1] : null;
    public bool Given => Flag || Values.Count > 0;
}
