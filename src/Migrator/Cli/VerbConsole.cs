namespace Migrator.Cli;

/// <summary>The console a verb writes to (registered in the host): the result on <see cref="Out"/>, progress and problems on <see cref="Error"/>.</summary>
public sealed class VerbConsole(TextWriter output, TextWriter error, bool interactive)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    /// <summary>True when stdout is a terminal (live progress); false when redirected (plain lines).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>The process's own streams, for hosts built without a verb's console (tests, benchmarks).</summary>
    public static VerbConsole System => new(Console.Out, Console.Error, interactive: false);
}
