using System.CommandLine;
using System.CommandLine.Invocation;
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
        // --Section:Key=value tokens are configuration overrides, taken off before System.CommandLine sees the rest.
        var (overrides, tokens) = SplitConfigOverrides(VerbWords(args));
        var root = CommandTree.Build(VerbCatalog.All, (command, result, _) => RunVerbAsync(command, result, overrides, stdout, stderr, ct));
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (tokens.Count == 0)
        {
            await root.Parse(["--help"], CommandTree.Parsing).InvokeAsync(invocation, ct);
            return ExitCodes.Usage;
        }
        var parsed = root.Parse(tokens, CommandTree.Parsing);
        if (parsed.Errors.Count > 0 && parsed.Action is null or ParseErrorAction)
        {
            UsageErrors.Write(stderr, parsed);
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(invocation, ct);
    }

    private static async Task<int> RunVerbAsync(VerbCommand command, ParseResult result, IReadOnlyDictionary<string, string?> configOverrides, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var interactive = !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        if (!GlobalOptions.From(result, command).Sandbox)
            return await RunVerbAsync(command, result, configOverrides, stdout, stderr, interactive, ct);
        await using var hintedOut = new SandboxHintWriter(stdout);
        await using var hintedError = new SandboxHintWriter(stderr);
        try
        {
            return await RunVerbAsync(command, result, configOverrides, hintedOut, hintedError, interactive, ct);
        }
        finally
        {
            await hintedOut.FlushAsync(CancellationToken.None);
            await hintedError.FlushAsync(CancellationToken.None);
        }
    }

    private static async Task<int> RunVerbAsync(VerbCommand command, ParseResult result, IReadOnlyDictionary<string, string?> configOverrides, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken ct)
    {
        var verb = command.Verb!;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var signals = new StopSignals(cts, stderr, TimeProvider.System);
        try
        {
            var parsed = CliArgs.From(result, command);
            var global = GlobalOptions.From(result, command);

            using var host = await MigratorHost.BuildAsync(global, configOverrides, verb, cts.Token, parsed, new VerbConsole(stdout, stderr, interactive));
            if (verb.UsesStateFile)
                await host.Services.GetRequiredService<Storage.IStateDatabase>().VerifyAsync(cts.Token);
            var handler = (IVerbHandler)ActivatorUtilities.CreateInstance(host.Services, verb.Handler);
            var exit = await handler.RunAsync(parsed, cts.Token);
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
            if (result.GetValue<bool>("--verbose"))
                stderr.WriteLine(e.ToString());
            else
                stderr.WriteLine("Run again with --verbose for the details.");
            return ExitCodes.Failure;
        }
    }

    /// <summary>A verb given as one argument ("plan create", as scripts and tests quote it) is the verb's words.</summary>
    private static string[] VerbWords(string[] args) =>
        args.Length > 0 && args[0].Contains(' ', StringComparison.Ordinal) && VerbCatalog.All.Any(v => v.Name == args[0] || v.Name.StartsWith(args[0] + " ", StringComparison.Ordinal))
            ? [.. args[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), .. args[1..]]
            : args;

    /// <summary>Tokens like --Section:Key=value are configuration overrides, not verb options.</summary>
    public static (Dictionary<string, string?> Overrides, List<string> Remaining) SplitConfigOverrides(IReadOnlyList<string> tokens)
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
