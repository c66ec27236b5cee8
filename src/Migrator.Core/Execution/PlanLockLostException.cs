namespace Migrator.Core.Execution;

/// <summary>
/// The plan's execution lock was lost while the phase ran (its database session ended): the step about to begin was
/// not journalled and nothing more is changed. Another executor may hold the plan now.
/// </summary>
public sealed class PlanLockLostException : Exception
{
    public PlanLockLostException(string planId, string why)
        : base($"the execution lock of plan {planId} was lost ({why}); no further step was begun and nothing more was changed. " +
            "Check that no other executor runs the plan, then resume with 'migrator phase run' (the journal says where the phase stopped).")
    {
        PlanId = planId;
    }

    public PlanLockLostException() { PlanId = ""; }
    public PlanLockLostException(string message) : base(message) { PlanId = ""; }
    public PlanLockLostException(string message, Exception inner) : base(message, inner) { PlanId = ""; }

    public string PlanId { get; }
}
