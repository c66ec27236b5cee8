using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// <summary>
    /// Planning ("Planning") and execution ("Execution") settings, validated at start-up, for the planning and
    /// execution stages (AddApplication). Storage (plans, journal) comes from AddStorage.
    /// </summary>
    public static IServiceCollection AddExecution(this IServiceCollection services)
    {
        services.AddOptions<PlanningSettings>().BindConfiguration("Planning").ValidateOnStart();
        services.AddOptions<ExecutionSettings>().BindConfiguration("Execution").ValidateOnStart();
        services.AddSingleton<ExecutionSettingsValidator>();
        services.AddSingleton<IValidateOptions<PlanningSettings>>(sp => sp.GetRequiredService<ExecutionSettingsValidator>());
        services.AddSingleton<IValidateOptions<ExecutionSettings>>(sp => sp.GetRequiredService<ExecutionSettingsValidator>());
        services.AddOptions<Core.Evidence.EvidenceSettings>().BindConfiguration(Core.Evidence.EvidenceSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Core.Evidence.EvidenceSettings>, EvidenceSettingsValidator>();
        return services;
    }
}
