namespace Migrator.Cli;

/// <summary>Options every verb accepts, taken off the command line before the verb's own.</summary>
public sealed class GlobalOptions
{
    /// <summary>--sandbox: start an in-process simulated estate and aim every client at it.</summary>
    public bool Sandbox { get; set; }
    /// <summary>--estate FILE: the estate the sandbox serves (default: generated).</summary>
    public string? SandboxEstate { get; set; }
    public bool Verbose { get; set; }
    /// <summary>--db FILE: the SQLite state file (default from configuration Storage:Path).</summary>
    public string? Database { get; set; }
    /// <summary>--config FILE: an extra JSON configuration file layered over appsettings.json.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The global options as parsed for <paramref name="command"/> (a verb's own --estate counts as the sandbox's estate).</summary>
    public static GlobalOptions From(System.CommandLine.ParseResult result, VerbCommand command)
    {
        var all = command.VerbOptions.Concat(command.GlobalOptionSymbols).ToList();
        string? Value(string name) => all.FirstOrDefault(o => o.Spec.Name == name) is { Option: System.CommandLine.Option<string> option } ? result.GetValue(option) : null;
        bool Flag(string name) => all.FirstOrDefault(o => o.Spec.Name == name) is { Option: System.CommandLine.Option<bool> option } && result.GetValue(option);
        return new GlobalOptions
        {
            Sandbox = Flag("--sandbox"),
            SandboxEstate = Value("--estate"),
            Verbose = Flag("--verbose"),
            Database = Value("--db"),
            ConfigFile = Value("--config"),
        };
    }

    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        OptionSpec.Flag("--sandbox", "start an in-process simulated estate and run against it"),
        OptionSpec.Value("--estate", "FILE", "estate file for --sandbox (default: a generated estate)"),
        OptionSpec.Flag("--verbose", "debug logging"),
        OptionSpec.Value("--db", "FILE", "SQLite state file (default: Storage:Path)"),
        OptionSpec.Value("--config", "FILE", "extra JSON configuration layered over appsettings.json"),
    ];
}
