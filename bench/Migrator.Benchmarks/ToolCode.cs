using System.Reflection;
using System.Reflection.PortableExecutable;

namespace Migrator.Benchmarks;

/// <summary>
/// How the tool's code runs: "ReadyToRun" when its assemblies were published precompiled (dotnet publish
/// -p:PublishReadyToRun=true, as the tool ships), "JIT" when built (dotnet build / dotnet run), where every method is
/// compiled on its first call: at the small size that is most of the tool's CPU during the inventory.
/// </summary>
public static class ToolCode
{
    public static string Of(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var code = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0 ? "ReadyToRun" : "JIT";
        return $"{code}, {(TieredPgo() ? "TieredPGO on" : "TieredPGO off")}";
    }

    /// <summary>
    /// Whether hot methods pass through an instrumented tier (the runtime's default): the tool turns it off (README).
    /// DOTNET_TieredPGO overrides the runtimeconfig.
    /// </summary>
    private static bool TieredPgo()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is { } env)
            return env != "0";
        return AppContext.GetData("System.Runtime.TieredPGO") is not string configured || !configured.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
