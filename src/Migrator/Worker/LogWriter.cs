using System.Text;
using Microsoft.Extensions.Logging;

namespace Migrator.Worker;

/// <summary>Turns the pipeline's progress lines into log entries when it runs inside the worker.</summary>
internal sealed class LogWriter(ILogger logger) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
            return;
        }
        if (value != '\r')
            _line.Append(value);
    }

    public override void Flush()
    {
        if (_line.Length == 0) return;
        logger.LogInformation("{Progress}", _line.ToString());
        _line.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        Flush();
        base.Dispose(disposing);
    }
}
