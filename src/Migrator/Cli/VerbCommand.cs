using System.CommandLine;

namespace Migrator.Cli;

/// <summary>
/// The System.CommandLine command of one verb: its typed options (from the verb's <see cref="OptionSpec"/> list, required
/// ones marked), its positional arguments, and the options every verb takes (--sandbox, --estate, --verbose, --db, --config).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010", Justification = "System.CommandLine.Command enumerates its children for collection initialisers; a verb command is not used as a collection.")]
public sealed class VerbCommand : Command
{
    public IVerb? Verb { get; }
    public IReadOnlyList<(OptionSpec Spec, Option Option)> VerbOptions { get; }
    public IReadOnlyList<(OptionSpec Spec, Option Option)> GlobalOptionSymbols { get; }
    /// <summary>The positional arguments: one (0 or 1 value) or a list of up to the verb's maximum.</summary>
    public Argument? Positionals { get; }

    public VerbCommand(string name, string description, IReadOnlyList<OptionSpec> options, int maxPositionals, string? positionalHelp, IReadOnlyList<OptionSpec> globals, IVerb? verb = null)
        : base(name, description)
    {
        Verb = verb;
        VerbOptions = options.Select(spec => (spec, Add(spec))).ToList();
        GlobalOptionSymbols = globals.Where(g => options.All(o => o.Name != g.Name)).Select(spec => (spec, Add(spec))).ToList();
        // System.CommandLine gives an option that needs a value the next token whatever it is: "--by --sandbox" would
        // make "--sandbox" the name. A value that is one of this verb's options is refused instead.
        var names = VerbOptions.Concat(GlobalOptionSymbols).Select(o => o.Spec.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (spec, option) in VerbOptions.Concat(GlobalOptionSymbols).Where(o => !o.Spec.IsFlag))
        {
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => names.Contains(t.Value.Split('=')[0]) || t.Value is "-h" or "-?" or "--help"))
                    result.AddError($"option '{spec.Name}' needs a value ({spec.ValueName ?? "VALUE"}) but is followed by the option '{token.Value}'.");
            });
        }
        if (maxPositionals > 0)
        {
            var helpName = positionalHelp?.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
            if (maxPositionals == 1)
            {
                Positionals = new Argument<string>("argument") { Arity = ArgumentArity.ZeroOrOne, HelpName = helpName, Description = positionalHelp };
            }
            else
            {
                var list = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore, HelpName = helpName, Description = positionalHelp };
                list.Validators.Add(result =>
                {
                    if (result.Tokens.Count > maxPositionals)
                        result.AddError($"unexpected argument '{result.Tokens[maxPositionals].Value}': {name} takes at most {maxPositionals} ({positionalHelp}).");
                });
                Positionals = list;
            }
            Arguments.Add(Positionals);
        }
    }

    private static T WholeNumber<T>(System.CommandLine.Parsing.ArgumentResult result, OptionSpec spec, long min, long max, Func<long, T> convert)
    {
        var raw = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            return convert(n);
        result.AddError($"option '{spec.Name}' must be a whole number ({spec.ValueName}); got '{raw}'.");
        return convert(0);
    }

    private Option Add(OptionSpec spec)
    {
        Option option = spec switch
        {
            { IsFlag: true } => new Option<bool>(spec.Name),
            { Repeatable: true } => new Option<string[]>(spec.Name) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false },
            _ when spec.ValueType == typeof(int) => new Option<int>(spec.Name) { CustomParser = r => WholeNumber(r, spec, int.MinValue, int.MaxValue, n => (int)n) },
            _ when spec.ValueType == typeof(long) => new Option<long>(spec.Name) { CustomParser = r => WholeNumber(r, spec, long.MinValue, long.MaxValue, n => n) },
            _ => new Option<string>(spec.Name),
        };
        option.Description = spec.Help;
        option.Required = spec.Required;
        if (!spec.IsFlag)
            option.HelpName = spec.ValueName ?? "VALUE";
        Options.Add(option);
        return option;
    }
}
