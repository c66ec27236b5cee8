using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Core.Ports;

namespace Migrator.Reports;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Reports (section "Reports"): settings, and the report source over the stores. Needs <see cref="IInventoryStore"/>
    /// (AddStorage); uses <see cref="IAssessmentStore"/>, <see cref="IPlanStore"/> and the execution journal when registered.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportSettings>().Bind(configuration.GetSection(ReportSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportSettings>, ReportSettingsValidator>();
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<IReportSource>(sp => new StoredReportSource(
            sp.GetRequiredService<IInventoryStore>(),
            sp.GetService<IAssessmentStore>(),
            sp.GetService<IPlanStore>(),
            sp.GetService<Core.Execution.IExecutionJournal>(),
            sp.GetService<IScopeStore>() is { } scopes && sp.GetService<IAssessmentStore>() is { } assessments ? new Core.Progress.ScopeTracker(scopes, assessments, sp.GetService<IPlanStore>(), sp.GetService<Core.Execution.IExecutionJournal>()) : null));
        return services;
    }
}
