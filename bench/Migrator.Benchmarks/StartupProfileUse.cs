using Migrator.Cli;

namespace Migrator.Benchmarks;

/// <summary>
/// The benchmark process's startup profile (<see cref="StartupProfile"/>), one per estate size, and what it was for
/// this run: replayed from an earlier run, recorded by this first one, or off.
/// </summary>
public static class StartupProfileUse
{
    public static string Begin(BenchOptions o)
    {
        if (!o.StartupProfile)
            return "off (--no-startup-profile)";
        // The runtime reads the profile when it starts and writes it only at exit: a file there now is an earlier run's.
        return StartupProfile.Begin($"bench-estate-{o.Clusters}c-{o.ServiceAccounts}sa", Environment.GetEnvironmentVariable) switch
        {
            null => "none (no writable cache directory)",
            var path when File.Exists(path) => $"replayed from an earlier run ({path})",
            var path => $"recorded by this run, replayed by the next ({path})",
        };
    }
}
