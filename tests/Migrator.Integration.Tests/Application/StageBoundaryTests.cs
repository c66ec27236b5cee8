using Migrator.Application;

namespace Migrator.Integration.Tests.Application;

/// <summary>
/// The main job's stage boundary: the next stage never runs as a continuation on top of the frames that completed the
/// previous stage (their locals would stay reachable), and what a stage dropped is collected.
/// </summary>
public sealed class StageBoundaryTests
{
    [Fact]
    public async Task The_next_stage_runs_after_the_frame_that_reached_the_boundary_has_returned()
    {
        var previous = SynchronizationContext.Current;
        var queued = new QueuedContext();
        SynchronizationContext.SetSynchronizationContext(queued);
        try
        {
            var insideTheCaller = true;
            async Task<bool> NextStage()
            {
                await StageBoundary.ReleaseMemoryAsync();
                return insideTheCaller;
            }

            var next = NextStage();
            insideTheCaller = false;

            Assert.False(next.IsCompleted, "the next stage ran inline, on the caller's stack");
            queued.RunAll();
            Assert.True(next.IsCompleted);
            Assert.False(await next, "the next stage ran before its caller's frame returned");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public async Task What_the_stage_dropped_is_collected_at_the_boundary()
    {
        var dropped = Drop();

        await StageBoundary.ReleaseMemoryAsync();

        Assert.False(dropped.IsAlive, "an object nothing references survived the boundary's collection");
    }

    [Fact]
    public async Task Native_memory_a_stage_freed_is_returned_to_the_system_at_the_boundary()
    {
        if (!OperatingSystem.IsLinux()) return;
        // 96 MB in chunks below glibc's mmap threshold, touched, then freed but for the last chunk, which keeps the heap's
        // top in place: free() alone cannot give the pages below it back, so they stay resident until the heap is trimmed.
        var chunks = new nint[1536];
        var ones = Enumerable.Repeat((byte)1, 64 * 1024).ToArray();
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = System.Runtime.InteropServices.Marshal.AllocHGlobal(ones.Length);
            System.Runtime.InteropServices.Marshal.Copy(ones, 0, chunks[i], ones.Length);
        }
        for (var i = 0; i < chunks.Length - 1; i++)
            System.Runtime.InteropServices.Marshal.FreeHGlobal(chunks[i]);
        var before = AnonymousKb();

        await StageBoundary.ReleaseMemoryAsync();

        var returned = before - AnonymousKb();
        System.Runtime.InteropServices.Marshal.FreeHGlobal(chunks[^1]);
        Assert.True(returned >= 64 * 1024, $"only {returned} KB of the 96 MB freed went back to the system");
    }

    private static long AnonymousKb() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))["RssAnon:".Length..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Drop() => new(new byte[1024 * 1024]);

    /// <summary>A context that only queues what is posted to it, so the test decides when continuations run.</summary>
    private sealed class QueuedContext : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();

        public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));

        public void RunAll()
        {
            while (_work.TryDequeue(out var item))
                item.Callback(item.State);
        }
    }
}
