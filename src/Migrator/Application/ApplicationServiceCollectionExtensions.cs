using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Migrator.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// The stages (inventory, assessment, planning, execution, report) and the main job that chains them, with the
    /// "Inventory" options validated at start-up. The settings of the other stages are bound by AddAssessment and
    /// AddExecution; the ports come from AddAws, AddKubernetes and AddStorage.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddOptions<InventoryOptions>().BindConfiguration(InventoryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InventoryOptions>, InventoryOptionsValidator>();
        services.AddOptions<Core.Ownership.OwnershipSettings>().BindConfiguration(Core.Ownership.OwnershipSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Core.Ownership.OwnershipSettings>, OwnershipSettingsValidator>();
        services.AddSingleton<InventoryStage>();
        services.AddSingleton<ShardedInventoryStage>();
        services.AddSingleton<AssessmentStage>();
        services.AddSingleton<PlanningStage>();
        services.AddSingleton<ExecutionStage>();
        services.AddSingleton<EvidenceOverrideStage>();
        services.AddSingleton<ReportStage>();
        services.AddSingleton<IMainJob, MainJob>();
        return services;
    }
}
