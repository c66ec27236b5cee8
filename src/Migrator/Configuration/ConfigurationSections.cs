using Migrator.Application;
using Migrator.Aws.Configuration;
using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Kubernetes;
using Migrator.Reports;
using Migrator.SandboxHosting;
using Migrator.Storage;
using Migrator.Worker;

namespace Migrator.Configuration;

/// <summary>Every top-level configuration section and the options class it binds to: the only keys Migrator reads.</summary>
public static class ConfigurationSections
{
    public static readonly IReadOnlyDictionary<string, Type> All = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [AwsOptions.SectionName] = typeof(AwsOptions),
        [KubernetesOptions.Section] = typeof(KubernetesOptions),
        [StorageOptions.Section] = typeof(StorageOptions),
        [InventoryOptions.Section] = typeof(InventoryOptions),
        [AssessmentSettings.SectionName] = typeof(AssessmentSettings),
        ["Planning"] = typeof(PlanningSettings),
        ["Execution"] = typeof(ExecutionSettings),
        [ReportSettings.Section] = typeof(ReportSettings),
        [WorkerOptions.Section] = typeof(WorkerOptions),
        [SandboxSettings.Section] = typeof(SandboxSettings),
        [Core.Evidence.EvidenceSettings.Section] = typeof(Core.Evidence.EvidenceSettings),
        [Core.Ownership.OwnershipSettings.Section] = typeof(Core.Ownership.OwnershipSettings),
    };
}
