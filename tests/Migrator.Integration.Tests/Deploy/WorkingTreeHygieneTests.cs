using System.Diagnostics;
using System.Text.RegularExpressions;
using Migrator.Cli;
using Migrator.Integration.Tests.Execution;

namespace Migrator.Integration.Tests.Deploy;

/// <summary>Issue 18: the README's commands, run from the repository root, leave nothing untracked there (.gitignore covers it).</summary>
public sealed partial class WorkingTreeHygieneTests : IDisposable
{
    private readonly MigratorProcesses _m = new();

    public void Dispose() => _m.Dispose();

    [GeneratedRegex(@"--(?:out|state|estate) (?<file>[A-Za-z0-9_.-]+\.json)\b")]
    private static partial Regex FileArgument();

    [Fact]
    public async Task The_quick_start_and_every_file_the_readme_names_for_output_are_ignored_by_git()
    {
        File.Copy(DeployConfigurationTests.RepoFile(".gitignore"), _m.Dir.File(".gitignore"));
        await Git("init", "-q");
        await Git("add", ".gitignore");

        await _m.Ok("run", "--sandbox", "--Sandbox:Generate:Clusters=2", "--Sandbox:Generate:ServiceAccounts=10");
        await _m.Ok("worker", "--once", "--sandbox", "--Sandbox:Generate:Clusters=2", "--Sandbox:Generate:ServiceAccounts=10", $"--Worker:LivenessFile={Path.Combine(Path.GetTempPath(), $"alive-{Guid.NewGuid():N}")}");
        // Every file the README's commands write by name (sandbox generate --out, sandbox serve --state/--estate).
        var named = FileArgument().Matches(File.ReadAllText(DeployConfigurationTests.RepoFile("README.md"))).Select(m => m.Groups["file"].Value).Distinct().ToList();
        Assert.NotEmpty(named);
        foreach (var file in named)
            File.WriteAllText(_m.Dir.File(file), "{}");

        var untracked = (await Git("status", "--porcelain", "--untracked-files=all")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("??", StringComparison.Ordinal)).ToList();
        Assert.True(untracked.Count == 0, $"left untracked in the repository root: {string.Join(", ", untracked)}");
    }

    private async Task<string> Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _m.Dir.Path };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == ExitCodes.Ok, $"git {string.Join(' ', args)}: {error}");
        return output;
    }
}
