using System.Diagnostics;
using Migrator.Cli;

namespace Migrator.Integration.Tests.Cli;

/// <summary>Runs the CLI in-process or as a child process and checks what a user must never see: a stack trace.</summary>
public static class CliRun
{
    private static readonly string MigratorDll = Path.Combine(AppContext.BaseDirectory, "migrator.dll");

    public static async Task<(int Code, string Out, string Err)> InProcess(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The built migrator as a child process in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static async Task<(int Code, string Out, string Err)> Child(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(MigratorDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(deadline.Token);
        return (p.ExitCode, await output, await error);
    }

    /// <summary>No stack trace, no host "fail:" line, no unhandled-exception text: one clean message.</summary>
    public static void AssertClean(string stderr)
    {
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--- End of", stderr, StringComparison.Ordinal);
    }
}
