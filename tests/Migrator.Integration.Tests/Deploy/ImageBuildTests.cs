using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Deploy;

/// <summary>
/// What can be checked of the image without docker: every path the Dockerfile copies exists (and every project the CLI
/// builds from is copied before the restore), the runtime stage matches the csproj's container settings, and the
/// Dockerfile's publish command gives a binary that runs.
/// </summary>
public sealed partial class ImageBuildTests
{
    private static readonly string Dockerfile = File.ReadAllText(DeployConfigurationTests.RepoFile("Dockerfile"));

    [GeneratedRegex(@"^COPY\s+(?!--from)(?<args>.+)$", RegexOptions.Multiline)]
    private static partial Regex Copy();

    [GeneratedRegex(@"^RUN (?<command>dotnet publish .+)$", RegexOptions.Multiline)]
    private static partial Regex Publish();

    private static IEnumerable<string> CopiedSources() => Copy().Matches(Dockerfile)
        .SelectMany(m => m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));

    [Fact]
    public void Every_path_the_dockerfile_copies_exists()
    {
        var sources = CopiedSources().ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = DeployConfigurationTests.RepoFile(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"the Dockerfile copies {source}, which does not exist");
        }
    }

    [Fact]
    public void Every_project_the_cli_builds_from_is_copied_before_the_restore()
    {
        var restore = Dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        Assert.True(restore > 0, "the Dockerfile restores before it copies the sources");
        var copiedBefore = Copy().Matches(Dockerfile[..restore]).SelectMany(m => m.Groups["args"].Value.Split(' ')).ToHashSet(StringComparer.Ordinal);
        foreach (var project in ProjectClosure("src/Migrator/Migrator.csproj"))
            Assert.Contains(project, copiedBefore);
        foreach (var shared in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
            Assert.Contains(shared, copiedBefore);
    }

    [Fact]
    public void The_runtime_stage_is_the_aspnet_image_run_as_10001_like_the_csproj_container_settings()
    {
        var csproj = XDocument.Load(DeployConfigurationTests.RepoFile("src/Migrator/Migrator.csproj"));
        string Property(string name) => csproj.Descendants(name).Single().Value;
        var stages = Regex.Matches(Dockerfile, @"^FROM\s+(\S+)\s+AS\s+(\S+)$", RegexOptions.Multiline).Select(m => (Image: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        Assert.Equal(("mcr.microsoft.com/dotnet/sdk:10.0", "build"), stages[0]);
        Assert.Equal((Property("ContainerBaseImage"), "runtime"), stages[^1]);
        Assert.Contains($"USER {Property("ContainerUser")}:", Dockerfile, StringComparison.Ordinal);
        Assert.Contains($"WORKDIR {Property("ContainerWorkingDirectory")}", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/app/migrator\"]", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app /app", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dockerfile_publish_command_gives_a_binary_that_runs()
    {
        using var output = new TempDirectory();
        var command = Publish().Match(Dockerfile).Groups["command"].Value;
        Assert.Contains("src/Migrator/Migrator.csproj -c Release --no-restore -a $TARGETARCH", command, StringComparison.Ordinal);
        Assert.Contains("RUN dotnet restore src/Migrator/Migrator.csproj -a $TARGETARCH", Dockerfile, StringComparison.Ordinal);
        // The same project, configuration and architecture as the image's build stage on this machine (BuildKit's
        // TARGETARCH is amd64 here), into a temporary folder instead of /app.
        var (code, text) = await Run("dotnet", DeployConfigurationTests.RepoFile(""), "publish", "src/Migrator/Migrator.csproj", "-c", "Release", "-a", "amd64", "-o", output.Path, "-v", "q", "-nologo");
        Assert.True(code == 0, $"dotnet publish failed ({code}):\n{text}");
        // Precompiled, so a cold worker or CLI does not spend its first seconds compiling (Migrator.csproj, README).
        Assert.All(["migrator.dll", "Migrator.Core.dll", "Migrator.Aws.dll", "KubernetesClient.dll"], dll => Assert.True(ReadyToRun(Path.Combine(output.Path, dll)), $"{dll} is not ReadyToRun"));

        var (versionCode, version) = await Run(Path.Combine(output.Path, "migrator"), output.Path, "--version");
        Assert.True(versionCode == 0, $"migrator --version exited {versionCode}:\n{version}");
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Trim());
        Assert.True(File.Exists(Path.Combine(output.Path, "templates", "report.html.sbn")), "the report templates ship in the image");
        Assert.True(File.Exists(Path.Combine(output.Path, "appsettings.json")), "the default settings ship in the image");
        var (helpCode, help) = await Run(Path.Combine(output.Path, "migrator"), output.Path, "worker", "--help");
        Assert.True(helpCode == 0, help);
    }

    private static bool ReadyToRun(string assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([project]);
        while (queue.TryDequeue(out var current))
        {
            if (!seen.Add(current)) continue;
            var dir = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(DeployConfigurationTests.RepoFile(current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(DeployConfigurationTests.RepoFile(dir), reference.Attribute("Include")!.Value.Replace('\\', '/')));
                queue.Enqueue(Path.GetRelativePath(DeployConfigurationTests.RepoFile(""), full).Replace('\\', '/'));
            }
        }
        return seen;
    }

    private static async Task<(int Code, string Output)> Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await p.WaitForExitAsync(deadline.Token);
        return (p.ExitCode, await stdout + await stderr);
    }
}
