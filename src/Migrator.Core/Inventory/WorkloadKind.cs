namespace Migrator.Core.Inventory;

public enum WorkloadKind
{
    Deployment,
    StatefulSet,
    DaemonSet,
    CronJob,
    Job,
    Pod,
}
