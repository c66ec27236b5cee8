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

    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        OptionSpec.Flag("--sandbox", "start an in-process simulated estate and run against it"),
        OptionSpec.Value("--estate", "FILE", "estate file for --sandbox (default: a generated estate)"),
        OptionSpec.Flag("--verbose", "debug logging"),
        OptionSpec.Value("--db", "FILE", "SQLite state file (default: Storage:Path)"),
        OptionSpec.Value("--config", "FILE", "extra JSON configuration layered over appsettings.json"),
    ];
}
