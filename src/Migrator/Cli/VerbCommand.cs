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
    public Argument<string[]>? Positionals { get; }

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
            Positionals = new Argument<string[]>("arguments")
            {
                Arity = new ArgumentArity(0, maxPositionals),
                HelpName = positionalHelp?.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal),
                Description = positionalHelp,
            };
            Arguments.Add(Positionals);
        }
    }

    private Option Add(OptionSpec spec)
    {
        Option option = spec switch
        {
            { IsFlag: true } => new Option<bool>(spec.Name),
            { Repeatable: true } => new Option<string[]>(spec.Name) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false },
            _ when spec.ValueType == typeof(int) => new Option<int>(spec.Name),
            _ when spec.ValueType == typeof(long) => new Option<long>(spec.Name),
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
