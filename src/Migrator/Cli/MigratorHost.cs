using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Migrator.Configuration;

namespace Migrator.Cli;

/// <summary>
/// Builds the application host: appsettings.json (next to the binary, then the working directory), an optional
/// --config file, MIGRATOR_ environment variables, then --Section:Key=value overrides; logging to stderr; every adapter.
/// </summary>
public static class MigratorHost
{
    /// <summary>The host of <paramref name="verb"/>, started; <paramref name="console"/> is what its handler writes to (default: the process's streams).</summary>
    public static async Task<IHost> BuildAsync(GlobalOptions global, IReadOnlyDictionary<string, string?> overrides, IVerb verb, CancellationToken ct, CliArgs? args = null, VerbConsole? console = null)
    {
        var host = await ComposeAsync(global, overrides, verb, ct, args, console);
        await host.StartAsync(ct);
        return host;
    }

    /// <summary>A started host with every adapter and no verb of its own (tests, benchmarks, tools).</summary>
    public static Task<IHost> BuildAsync(GlobalOptions global, IReadOnlyDictionary<string, string?> overrides, CancellationToken ct) =>
        BuildAsync(global, overrides, NoVerb.Instance, ct);

    /// <summary>The host of <paramref name="verb"/>, built but not started (no hosted service runs): what a handler is constructed from.</summary>
    public static async Task<IHost> ComposeAsync(GlobalOptions global, IReadOnlyDictionary<string, string?> overrides, IVerb verb, CancellationToken ct, CliArgs? args = null, VerbConsole? console = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        // Every file is checked before the JSON provider reads it (it would throw on the first fault), and every key
        // of every source against the options classes: all problems are reported together, nothing is ignored.
        var problems = new List<ConfigurationProblem>();
        var hostSources = ((IConfigurationRoot)builder.Configuration).Providers.Count(); // the host's own (contentRoot...)
        var files = new List<string> { Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json") };
        if (global.ConfigFile is not null)
        {
            if (!File.Exists(global.ConfigFile))
                throw new InvalidInputException($"--config file '{global.ConfigFile}' does not exist.");
            files.Add(Path.GetFullPath(global.ConfigFile));
        }
        foreach (var file in files.Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            var fileProblems = JsonSettingsFile.Check(file);
            problems.AddRange(fileProblems);
            if (fileProblems.Count == 0)
                builder.Configuration.AddJsonFile(file, optional: false);
        }
        builder.Configuration.AddEnvironmentVariables("MIGRATOR_");
        builder.Configuration.AddInMemoryCollection(overrides);
        problems.AddRange(ConfigurationCheck.Check(((IConfigurationRoot)builder.Configuration).Providers.Skip(hostSources)));
        if (problems.Count > 0)
            throw new InvalidConfigurationException(problems.Select(p => p.ToString()).ToList());
        if (SectionValidation.Check(builder.Configuration) is { Count: > 0 } failures)
            throw new InvalidConfigurationException(failures);
        if (global.Database is not null)
        {
            // --db names a SQLite file: with the state in PostgreSQL it would be silently ignored, so it is refused.
            if (new Storage.StorageOptions { Provider = builder.Configuration["Storage:Provider"] ?? "sqlite" }.ParsedProvider == Storage.StorageProvider.Postgres)
                throw new InvalidInputException($"--db '{global.Database}' names a SQLite state file, but Storage:Provider is 'postgres' (the state is in Storage:ConnectionString's database): drop --db, or add --Storage:Provider=sqlite to use the file.");
            builder.Configuration["Storage:Path"] = global.Database;
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(global.Verbose ? LogLevel.Debug : verb is IHostConfiguringVerb ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", global.Verbose ? LogLevel.Debug : LogLevel.Warning);
        builder.Logging.AddFilter("Polly", global.Verbose ? LogLevel.Debug : LogLevel.Error); // retries on throttling are expected; the sandbox counters and --verbose show them
        // A host that fails to start logs the exception with its stack trace; CommandLine reports it (exit 3 or 1).
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Quartz", global.Verbose ? LogLevel.Debug : LogLevel.Warning);

        builder.Services.AddSingleton<IHostLifetime, VerbLifetime>();
        builder.Services.AddSingleton(global);
        builder.Services.AddSingleton(console ?? VerbConsole.System);
        builder.Services.AddSingleton(TimeProvider.System);
        await Composition.AddMigratorAsync(builder, global, ct);
        if (verb is IHostConfiguringVerb hosted)
            hosted.ConfigureHost(builder, args ?? CliArgs.Parse([], verb));
        return builder.Build();
    }

    /// <summary>A host for no verb: every adapter, nothing of a verb's own.</summary>
    private sealed class NoVerb : IVerb
    {
        public static readonly NoVerb Instance = new();
        public string Name => "host";
        public string Summary => "a host with every adapter and no verb";
        public IReadOnlyList<VerbOption> Options => [];
        public Type Handler => throw new InvalidOperationException("a host built without a verb has no handler.");
    }
}
