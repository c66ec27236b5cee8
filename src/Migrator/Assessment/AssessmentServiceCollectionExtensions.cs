using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Core.Assessment;
using Migrator.Core.Ports;
using Migrator.Storage.Assessment;

namespace Migrator.Assessment;

public static class AssessmentServiceCollectionExtensions
{
    /// <summary>
    /// Binds section "Assessment" over the defaults of <see cref="AssessmentSettings"/> and validates it at start-up.
    /// Registers the SQLite assessment store. Lists given in configuration REPLACE the defaults (the binder would otherwise append to them).
    /// </summary>
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddOptions<AssessmentSettings>()
            .Configure<IConfiguration>((settings, configuration) => Bind(configuration, settings))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssessmentSettings>, AssessmentSettingsValidator>();
        // The store lives in Migrator.Storage (its own file); AddStorage provides the connection factory.
        services.AddSingleton<IAssessmentStore, SqliteAssessmentStore>();
        return services;
    }

    /// <summary>Section "Assessment" over <paramref name="settings"/>: lists given replace the defaults.</summary>
    public static AssessmentSettings Bind(IConfiguration configuration, AssessmentSettings settings)
    {
        var section = configuration.GetSection(AssessmentSettings.SectionName);
        if (section.GetSection(nameof(AssessmentSettings.OldSdkImagePatterns)).Exists())
            settings.OldSdkImagePatterns.Clear();
        if (section.GetSection(nameof(AssessmentSettings.UnsupportedRegions)).Exists())
            settings.UnsupportedRegions.Clear();
        section.Bind(settings);
        return settings;
    }
}
