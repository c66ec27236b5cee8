namespace Migrator.Benchmarks;

/// <summary>
/// The GC settings the runtime applied (not the ones asked for: a runtimeconfig name the GC does not read is silently
/// ignored), so a memory figure can be read with what produced it.
/// </summary>
public static class GcSettings
{
    public static string Describe()
    {
        var gc = GC.GetConfigurationVariables();
        string Get(string key) => gc.TryGetValue(key, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "?";
        var budget = gc.TryGetValue("GCGen0MaxBudget", out var b) ? Convert.ToInt64(b, System.Globalization.CultureInfo.InvariantCulture) / (1024 * 1024) : -1;
        return $"{(Get("ServerGC") == "True" ? "server" : "workstation")}, gen0 budget up to {budget} MB, ConserveMemory {Get("GCConserveMem")}";
    }
}
