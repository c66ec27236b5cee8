using System.Runtime;

namespace Migrator.Application;

/// <summary>
/// Between the main job's stages. Each stage lets go of what it read (the next reads its own view from storage), but
/// two things would keep it: the stack, and the GC's pace.
/// - SQLite calls complete synchronously, so without a yield every later stage runs as a continuation on top of the
///   frames that completed the inventory's last network call, and those frames' locals (the inventory's list of every
///   role, at 100× about 76,000 roles with their trust policies) stay reachable to the end of the job. Yielding moves
///   the next stage to a fresh thread-pool stack and lets those frames return.
/// - The garbage a stage left (planning allocates about 1.3 GB at 20,000 bindings) would stay committed and the next
///   stage's peak would start from there: one full, compacting collection returns it to the system (about 50–100 ms).
/// Measured in the estate benchmark (README).
/// </summary>
public static class StageBoundary
{
    public static async Task ReleaseMemoryAsync()
    {
        await Task.Yield();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
