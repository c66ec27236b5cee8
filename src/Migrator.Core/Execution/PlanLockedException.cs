namespace Migrator.Core.Execution;

/// <summary>Another executor holds the plan's lock.</summary>
public sealed class PlanLockedException : Exception
{
    public PlanLockedException(string planId, string holder, DateTimeOffset since)
        : base($"plan {planId} is being executed by {holder} since {since:u}; wait for it to finish or stop it (the lock is released as soon as that process ends, even when killed)")
    {
        PlanId = planId;
        Holder = holder;
    }

    public PlanLockedException() { PlanId = Holder = ""; }
    public PlanLockedException(string message) : base(message) { PlanId = Holder = ""; }
    public PlanLockedException(string message, Exception inner) : base(message, inner) { PlanId = Holder = ""; }

    public string PlanId { get; }
    public string Holder { get; }
}
