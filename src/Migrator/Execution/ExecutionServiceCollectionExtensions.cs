using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// <summary>
    /// Planning ("Planning") and execution ("Execution") settings, validated at start-up, and the <see cref="PlanService"/>
    /// the plan/phase/binding verbs and the worker use. Storage (plans, journal) comes from AddStorage.
    /// </summary>
    public static IServiceCollection AddExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlanningSettings>().Bind(configuration.GetSection("Planning")).ValidateOnStart();
        services.AddOptions<ExecutionSettings>().Bind(configuration.GetSection("Execution")).ValidateOnStart();
        services.AddSingleton<ExecutionSettingsValidator>();
        services.AddSingleton<IValidateOptions<PlanningSettings>>(sp => sp.GetRequiredService<ExecutionSettingsValidator>());
        services.AddSingleton<IValidateOptions<ExecutionSettings>>(sp => sp.GetRequiredService<ExecutionSettingsValidator>());
        services.AddSingleton<PlanService>();
        return services;
    }
}
