using System.Runtime;
using System.Runtime.InteropServices;

namespace Migrator.Application;

/// <summary>
/// Between the main job's stages. Each stage lets go of what it read (the next reads its own view from storage), but
/// three things would keep it: the stack, the GC's pace, and the C heap.
/// - SQLite calls complete synchronously, so without a yield every later stage runs as a continuation on top of the
///   frames that completed the inventory's last network call, and those frames' locals (the inventory's list of every
///   role, at 100× about 76,000 roles with their trust policies) stay reachable to the end of the job. Yielding moves
///   the next stage to a fresh thread-pool stack and lets those frames return.
/// - The garbage a stage left (planning allocates about 1.3 GB at 20,000 bindings) would stay committed and the next
///   stage's peak would start from there: one full, compacting collection returns it to the system (about 50–100 ms).
/// - Native memory freed during the stage (by SQLite and the runtime's native code; not told apart) stays in the C
///   library's heap, resident, until the heap is trimmed: on Linux with glibc, malloc_trim returns it to the system.
/// Measured in the estate benchmark (README).
/// </summary>
public static class StageBoundary
{
    public static async Task ReleaseMemoryAsync()
    {
        await Task.Yield();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    private static bool _noTrim;

    /// <summary>glibc's malloc_trim(0); nothing where the C library has none (musl, macOS, Windows).</summary>
    private static void TrimNativeHeap()
    {
        if (_noTrim || !OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _noTrim = true;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
