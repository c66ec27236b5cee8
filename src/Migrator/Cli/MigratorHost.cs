using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Migrator.Cli;

/// <summary>
/// Builds the application host: appsettings.json (next to the binary, then the working directory), an optional
/// --config file, MIGRATOR_ environment variables, then --Section:Key=value overrides; logging to stderr; every adapter.
/// </summary>
public static class MigratorHost
{
    public static async Task<IHost> BuildAsync(GlobalOptions global, IReadOnlyDictionary<string, string?> overrides, IVerb verb, CancellationToken ct, CliArgs? args = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (global.ConfigFile is not null)
        {
            if (!File.Exists(global.ConfigFile))
                throw new InvalidInputException($"--config file '{global.ConfigFile}' does not exist.");
            builder.Configuration.AddJsonFile(Path.GetFullPath(global.ConfigFile), optional: false);
        }
        builder.Configuration.AddEnvironmentVariables("MIGRATOR_");
        builder.Configuration.AddInMemoryCollection(overrides);
        if (global.Database is not null)
            builder.Configuration["Storage:Path"] = global.Database;

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(global.Verbose ? LogLevel.Debug : verb is IHostConfiguringVerb ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", global.Verbose ? LogLevel.Debug : LogLevel.Warning);
        builder.Logging.AddFilter("Polly", global.Verbose ? LogLevel.Debug : LogLevel.Error); // retries on throttling are expected; the sandbox counters and --verbose show them
        builder.Logging.AddFilter("Quartz", global.Verbose ? LogLevel.Debug : LogLevel.Warning);

        builder.Services.AddSingleton<IHostLifetime, VerbLifetime>();
        builder.Services.AddSingleton(global);
        builder.Services.AddSingleton(TimeProvider.System);
        await Composition.AddMigratorAsync(builder, global, ct);
        if (verb is IHostConfiguringVerb hosted)
            hosted.ConfigureHost(builder, args ?? CliArgs.Parse([], verb.Options, 0));

        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }
}
