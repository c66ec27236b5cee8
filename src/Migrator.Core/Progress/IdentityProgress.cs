namespace Migrator.Core.Progress;

/// <summary>Where one identity of the scope stands in a run.</summary>
public enum IdentityProgress
{
    /// <summary>Verified on Pod Identity (<see cref="Assessment.BindingAssessment.OnPodIdentity"/>).</summary>
    OnPodIdentity,
    /// <summary>Association in place, pods still on IRSA until recreated (info.restart-pending / info.cronjob-run-pending).</summary>
    AwaitingRestart,
    /// <summary>Was on Pod Identity in an earlier run since the scope was fixed, is not now.</summary>
    Regressed,
    /// <summary>Not on Pod Identity yet.</summary>
    NotYet,
    /// <summary>No longer a workload identity in the estate (ServiceAccount deleted, or no annotation nor association left).</summary>
    Gone,
}
