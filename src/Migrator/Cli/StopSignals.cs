using System.Globalization;
using System.Runtime.InteropServices;

namespace Migrator.Cli;

/// <summary>
/// SIGTERM (Kubernetes stopping a pod, systemd, kill) and SIGINT (Ctrl-C) both ask a verb to stop: the token is
/// cancelled, the running step finishes and is journalled, nothing new starts. A second signal is not intercepted, so
/// it ends the process at once (the plan lock is released by the kernel and resume reconciles the journal).
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly TextWriter _stderr;
    private readonly TimeProvider _time;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    public StopSignals(CancellationTokenSource stop, TextWriter stderr, TimeProvider time)
    {
        _stop = stop;
        _stderr = stderr;
        _time = time;
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGTERM, PosixSignal.SIGINT])
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1)
            return;
        context.Cancel = true;
        _stop.Cancel();
        // Read after cancelling: a step journalled as begun later than this time would be a step begun after the stop.
        var at = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        _stderr.WriteLine($"{context.Signal} received at {at}: stopping; running steps finish and are journalled, nothing new starts (a second signal ends the process at once).");
    }

    public void Dispose()
    {
        foreach (var r in _registrations)
            r.Dispose();
    }
}
