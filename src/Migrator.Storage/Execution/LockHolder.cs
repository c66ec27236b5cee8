namespace Migrator.Storage.Execution;

/// <summary>
/// Names the executor holding a plan lock for the people reading the refusal: host, process id and what it runs
/// ("phase run 4", "worker: phase run 4"). The lock itself is <see cref="PlanLockFile"/>; this is only its label.
/// </summary>
public static class LockHolder
{
    public static string Current(string action) => $"{Environment.MachineName} pid {Environment.ProcessId} ({action})";
}
