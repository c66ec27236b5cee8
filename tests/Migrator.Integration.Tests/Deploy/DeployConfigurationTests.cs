using System.Text.RegularExpressions;
using Migrator.Cli;
using Migrator.Integration.Tests.Cli;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Deploy;

/// <summary>The configuration embedded in deploy/*.yaml (ConfigMap appsettings.json) is one Migrator accepts, key by key.</summary>
public sealed partial class DeployConfigurationTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Migrator.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Migrator.sln not found above the test binaries"), relative);
    }

    /// <summary>Each `appsettings.json: |` block scalar of a manifest, without its indentation.</summary>
    public static IEnumerable<string> EmbeddedConfigurations(string yaml)
    {
        foreach (Match m in BlockStart().Matches(yaml))
        {
            var lines = yaml[(m.Index + m.Length)..].Split('\n');
            var indent = lines.First(l => l.Trim().Length > 0).TakeWhile(c => c == ' ').Count();
            var body = lines.TakeWhile(l => l.Trim().Length == 0 || l.TakeWhile(c => c == ' ').Count() >= indent).Select(l => l.Length >= indent ? l[indent..] : "");
            yield return string.Join('\n', body);
        }
    }

    [GeneratedRegex(@"appsettings\.json:\s*\|\s*\n")]
    private static partial Regex BlockStart();

    [Fact]
    public async Task Every_configuration_in_the_deploy_manifests_validates()
    {
        using var dir = new TempDirectory();
        var found = 0;
        foreach (var manifest in Directory.GetFiles(Path.GetDirectoryName(RepoFile("deploy/worker.yaml"))!, "*.yaml"))
        {
            foreach (var config in EmbeddedConfigurations(File.ReadAllText(manifest)))
            {
                found++;
                var file = dir.File($"{Path.GetFileNameWithoutExtension(manifest)}-{found}.json");
                File.WriteAllText(file, config);
                // Schema (every key known, every value converts) and the validators of every section the worker reads.
                var (code, output, error) = await CliRun.InProcess("runs", "list", "--config", file, "--db", dir.File("state.db"));
                Assert.True(code == ExitCodes.Ok, $"{manifest}: exit {code}\n{output}\n{error}");
                var worker = await CliRun.InProcess("worker", "--config", file, "--db", dir.File("state.db"), "--Worker:InventoryCron=not a cron", $"--Worker:LivenessFile={dir.File("alive")}");
                Assert.Equal(ExitCodes.InvalidInput, worker.Code);
                var problems = worker.Err.Split('\n').Count(l => l.StartsWith("  - ", StringComparison.Ordinal));
                Assert.True(problems == 1, $"{manifest}: only the cron given here should fail, got:\n{worker.Err}");
            }
        }
        Assert.True(found >= 1, "no appsettings.json found in deploy/*.yaml");
    }
}
