using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Migrator.Configuration;

namespace Migrator.Cli;

/// <summary>Resolves the verb, builds the host (configuration, logging, DI) and runs the verb, mapping failures to exit codes.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var catalog = VerbCatalog.FromAssembly(typeof(CommandLine).Assembly);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            catalog.WriteHelp(stdout);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var (verb, rest, attempted) = catalog.Resolve(args);
        if (verb is null)
        {
            var group = catalog.Verbs.Any(v => v.Name.StartsWith(attempted + " ", StringComparison.Ordinal));
            if (group)
            {
                catalog.WriteHelp(stderr, attempted + " ");
            }
            else
            {
                stderr.WriteLine($"error: unknown verb '{attempted}'. Run 'migrator --help' for the list.");
            }
            return ExitCodes.Usage;
        }
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            VerbCatalog.WriteVerbHelp(stdout, verb);
            return ExitCodes.Ok;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var signals = new StopSignals(cts, stderr, TimeProvider.System);
        try
        {
            var (configOverrides, verbTokens) = SplitConfigOverrides(rest);
            var global = new GlobalOptions();
            var specs = verb.Options.Concat(GlobalOptions.Specs.Where(g => verb.Options.All(o => o.Name != g.Name))).ToList();
            var parsed = CliArgs.Parse(verbTokens, specs, verb.MaxPositionals);
            global.Sandbox = parsed.Flag("--sandbox");
            global.SandboxEstate = parsed.Value("--estate");
            global.Verbose = parsed.Flag("--verbose");
            global.Database = parsed.Value("--db");
            global.ConfigFile = parsed.Value("--config");

            using var host = await MigratorHost.BuildAsync(global, configOverrides, verb, cts.Token, parsed);
            var context = new VerbContext
            {
                Args = parsed,
                Services = host.Services,
                Out = stdout,
                Error = stderr,
                Interactive = !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out),
                Global = global,
            };
            if (verb.UsesStateFile)
                await host.Services.GetRequiredService<Storage.SqliteConnectionFactory>().VerifyAsync(cts.Token);
            var exit = await verb.RunAsync(context, cts.Token);
            // Graceful stop: hosted services (Quartz waits for running jobs) finish before the process exits.
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StopAsync(stopTimeout.Token);
            return exit;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine($"Run 'migrator {verb.Name} --help' for its options.");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is InvalidInputException or Application.StageInputException or Storage.StorageException or Sandbox.SandboxPortException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (ConfigurationFailures.Of(e) is { Count: > 0 } failures)
        {
            stderr.WriteLine("error: configuration is invalid:");
            foreach (var failure in failures)
                stderr.WriteLine($"  - {failure}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            stderr.WriteLine("stopped before the end; run the same command again to continue (a phase resumes from its journal: every step begun was finished and journalled).");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Never a stack trace for the user (exit 134): one line naming what failed; --verbose adds the trace.
            stderr.WriteLine($"error: {verb.Name} failed: {e.GetType().Name}: {e.Message}");
            if (rest.Contains("--verbose"))
                stderr.WriteLine(e.ToString());
            else
                stderr.WriteLine("Run again with --verbose for the details.");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Tokens like --Section:Key=value are configuration overrides, not verb options.</summary>
    private static (Dictionary<string, string?> Overrides, List<string> Remaining) SplitConfigOverrides(IReadOnlyList<string> tokens)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        foreach (var t in tokens)
        {
            var eq = t.IndexOf('=', StringComparison.Ordinal);
            if (t.StartsWith("--", StringComparison.Ordinal) && eq > 2 && t[..eq].Contains(':', StringComparison.Ordinal))
                overrides[t[2..eq]] = t[(eq + 1)..];
            else
                rest.Add(t);
        }
        return (overrides, rest);
    }
}
