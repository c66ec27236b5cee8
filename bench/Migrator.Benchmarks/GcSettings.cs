using System.Globalization;

namespace Migrator.Benchmarks;

/// <summary>
/// The GC settings the runtime applied (not the ones asked for: a runtimeconfig name the GC does not read is silently
/// ignored), whether the runtimeconfig set them, and the L3 cache the machine reports: without a setting the GC sizes
/// gen0 from that cache (a VM reporting 260 MiB got an 80 MB budget, one reporting 32 MiB gets 16 MB), so a memory
/// figure is read with what produced it.
/// </summary>
public static class GcSettings
{
    public static string Describe()
    {
        var gc = GC.GetConfigurationVariables();
        string Get(string key) => gc.TryGetValue(key, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : "?";
        var budget = gc.TryGetValue("GCGen0MaxBudget", out var b) ? Convert.ToInt64(b, CultureInfo.InvariantCulture) / (1024 * 1024) : -1;
        var configured = new[] { "System.GC.Gen0MaxBudget", "System.GC.ConserveMemory" }
            .Where(name => AppContext.GetData(name) is not null).Select(name => name["System.GC.".Length..]).ToList();
        var source = configured.Count == 0 ? "none set by the runtimeconfig" : $"set by the runtimeconfig: {string.Join(", ", configured)}";
        return $"{(Get("ServerGC") == "True" ? "server" : "workstation")}, gen0 budget up to {budget} MB, ConserveMemory {Get("GCConserveMem")} ({source}); L3 cache reported {L3CacheMb()}";
    }

    /// <summary>The largest L3 cache the first CPU reports (Linux sysfs), or "unknown".</summary>
    private static string L3CacheMb()
    {
        const string dir = "/sys/devices/system/cpu/cpu0/cache";
        try
        {
            if (!Directory.Exists(dir)) return "unknown";
            foreach (var index in Directory.EnumerateDirectories(dir, "index*"))
            {
                var level = Path.Combine(index, "level");
                var size = Path.Combine(index, "size");
                if (File.Exists(level) && File.ReadAllText(level).Trim() == "3" && File.Exists(size))
                {
                    var text = File.ReadAllText(size).Trim();
                    return text.EndsWith('K') && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
                        ? $"{kib / 1024} MiB" : text;
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return "unknown";
    }
}
