namespace Migrator.Core.Evidence;

/// <summary>Counts the pages and sweeps of parallel CloudTrail sweeps and reports them (thread-safe).</summary>
internal sealed class EvidenceTally(int sweeps, IProgress<EvidenceProgress>? progress)
{
    private long _pages;
    private int _done;

    public void PageRead()
    {
        var pages = Interlocked.Increment(ref _pages);
        progress?.Report(new EvidenceProgress(Volatile.Read(ref _done), sweeps, pages));
    }

    public void SweepDone()
    {
        var done = Interlocked.Increment(ref _done);
        progress?.Report(new EvidenceProgress(done, sweeps, Interlocked.Read(ref _pages)));
    }
}
