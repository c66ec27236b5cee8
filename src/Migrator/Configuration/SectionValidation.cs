using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Migrator.Application;
using Migrator.Assessment;
using Migrator.Aws.Configuration;
using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Execution;
using Migrator.Kubernetes;
using Migrator.Reports;
using Migrator.SandboxHosting;
using Migrator.Storage;
using Migrator.Worker;

namespace Migrator.Configuration;

/// <summary>
/// Runs the validator of every section over the bound configuration before the host starts, so problems in several
/// sections are listed together (the host would stop at the first service that reads its options, and Quartz would
/// parse a cron before any validator ran). Run only when <see cref="ConfigurationCheck"/> found nothing: binding
/// then cannot fail.
/// </summary>
public static class SectionValidation
{
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        var failures = new List<string>();
        var execution = new ExecutionSettingsValidator();
        Validate(failures, new AwsOptionsValidator(), Bind<AwsOptions>(configuration, AwsOptions.SectionName));
        Validate(failures, new KubernetesOptionsValidator(), Bind<KubernetesOptions>(configuration, KubernetesOptions.Section));
        Validate(failures, new StorageOptionsValidator(), Bind<StorageOptions>(configuration, StorageOptions.Section));
        Validate(failures, new InventoryOptionsValidator(), Bind<InventoryOptions>(configuration, InventoryOptions.Section));
        Validate(failures, new AssessmentSettingsValidator(), AssessmentServiceCollectionExtensions.Bind(configuration, new AssessmentSettings()));
        Validate<PlanningSettings>(failures, execution, Bind<PlanningSettings>(configuration, "Planning"));
        Validate<ExecutionSettings>(failures, execution, Bind<ExecutionSettings>(configuration, "Execution"));
        Validate(failures, new ReportSettingsValidator(), Bind<ReportSettings>(configuration, ReportSettings.Section));
        Validate(failures, new WorkerOptionsValidator(), Bind<WorkerOptions>(configuration, WorkerOptions.Section));
        Validate(failures, new SandboxSettingsValidator(), Bind<SandboxSettings>(configuration, SandboxSettings.Section));
        Validate(failures, new EvidenceSettingsValidator(), Bind<Core.Evidence.EvidenceSettings>(configuration, Core.Evidence.EvidenceSettings.Section));
        Validate(failures, new OwnershipSettingsValidator(), Bind<Core.Ownership.OwnershipSettings>(configuration, Core.Ownership.OwnershipSettings.Section));
        return failures;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : class, new() =>
        configuration.GetSection(section).Get<T>() ?? new T();

    private static void Validate<T>(List<string> failures, IValidateOptions<T> validator, T options) where T : class
    {
        if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
            failures.AddRange(result.Failures);
    }
}
