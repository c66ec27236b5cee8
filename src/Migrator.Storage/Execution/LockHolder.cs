using System.Diagnostics;
using System.Globalization;

namespace Migrator.Storage.Execution;

/// <summary>
/// Names the process holding a plan lock as HOST:PID:STARTTICKS, so a lock left by a process that died (kill -9)
/// on this host can be recognised and taken over, while a live holder, or one on another host, keeps it.
/// </summary>
public static class LockHolder
{
    public static string Current()
    {
        using var self = Process.GetCurrentProcess();
        return $"{Environment.MachineName}:{Environment.ProcessId}:{self.StartTime.ToUniversalTime().Ticks}";
    }

    public static bool IsAlive(string holder)
    {
        var parts = holder.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            return true;
        if (!string.Equals(parts[0], Environment.MachineName, StringComparison.OrdinalIgnoreCase))
            return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture) == parts[2];
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
