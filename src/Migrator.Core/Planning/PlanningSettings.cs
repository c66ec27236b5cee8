namespace Migrator.Core.Planning;

/// <summary>How the planner cuts the migration into phases. Bound from configuration section "Planning".</summary>
public sealed record PlanningSettings
{
    /// <summary>How many of the lowest-risk Ready bindings go first, alone, in phase 1.</summary>
    public int CanarySize { get; init; } = 2;
    /// <summary>Most bindings in one wave; a Coordinate group is never split, so a wave may exceed this for one group.</summary>
    public int MaxWaveSize { get; init; } = 20;
    /// <summary>How long the IRSA path stays in place as the rollback route before a wave's cleanup may run.</summary>
    public TimeSpan SoakPeriod { get; init; } = TimeSpan.FromDays(7);
    /// <summary>Scope the pods.eks.amazonaws.com statement with session-tag conditions (DOMAIN.md: unscoped is wider than IRSA).</summary>
    public bool ScopedTrust { get; init; } = true;
    /// <summary>
    /// Trust policy size limit in characters: the IAM quota "Role trust policy length" (2,048 by default, raisable
    /// through Service Quotas; DOMAIN.md: the maximum is 4,096 per the IAM quotas page, some sources say 8,192).
    /// </summary>
    public int TrustSizeLimit { get; init; } = 2048;
    /// <summary>
    /// What to do when exactly scoped Pod Identity trust for a role does not fit <see cref="TrustSizeLimit"/>: Refuse
    /// (default: the role's bindings are left out of the plan with the size and the fixes) or widen the new bindings'
    /// statements at most to ClusterNamespace, Cluster or Unscoped; the widened scope is recorded on the plan's trust
    /// step, shown in plan show, phase run --dry-run and plan approve, and is the widest the executor will write.
    /// </summary>
    public Trust.TrustWidening TrustWidening { get; init; } = Trust.TrustWidening.Refuse;

    /// <summary>
    /// Execution mode per owner kind (Terraform, CloudFormation, Eksctl, Helm, ArgoCd, Flux): ChangeSet (the default
    /// for every owner) writes the change for the owner to apply and waits for it; Direct makes it through the APIs as
    /// for unowned resources. Recorded with the plan.
    /// </summary>
    public Dictionary<Ownership.OwnerKind, Ownership.ExecutionMode> OwnerModes { get; init; } = [];
}
