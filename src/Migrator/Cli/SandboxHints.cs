using System.Text;
using System.Text.RegularExpressions;

namespace Migrator.Cli;

/// <summary>
/// A command that ran with --sandbox suggests next commands with --sandbox too ('migrator plan create' becomes
/// 'migrator plan create --sandbox'): copied as printed, a hint must act on the same estate and state file.
/// The trust and sandbox verbs are left alone (they never read the sandbox's state).
/// </summary>
public static partial class SandboxHints
{
    public static string Apply(string text) => QuotedCommand().Replace(text, m =>
        m.Groups["rest"].Value.Contains("--sandbox", StringComparison.Ordinal) || m.Groups["rest"].Value.Contains("--help", StringComparison.Ordinal) || m.Groups["verb"].Value is "sandbox" or "trust"
            ? m.Value
            : $"'migrator {m.Groups["verb"].Value}{m.Groups["rest"].Value} --sandbox'");

    [GeneratedRegex(@"'migrator (?<verb>[a-z]+)(?<rest>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedCommand();
}

/// <summary>A writer that passes text through <see cref="SandboxHints.Apply"/> line by line.</summary>
public sealed class SandboxHintWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value is '\n' or '\r')
        {
            // '\r' too: a live progress line rewrites itself with it and must not wait for a newline.
            inner.Write(SandboxHints.Apply(_line.ToString()));
            inner.Write(value);
            _line.Clear();
            return;
        }
        _line.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        foreach (var c in value)
            Write(c);
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(SandboxHints.Apply(_line.ToString()));
            _line.Clear();
        }
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
