using Migrator.Cli;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// The command line's startup profile (multicore JIT): one file per verb in the user's cache directory, recorded by
/// the built `migrator` as a child process and replayed by the next; a missing or unusable cache changes nothing.
/// </summary>
public sealed class StartupProfileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("inventory --sandbox", "inventory")]
    [InlineData("run --sandbox --db state.db", "run")]
    [InlineData("plan approve 3 --by alice", "plan-approve")]
    [InlineData("runs list", "runs-list")]
    [InlineData("sandbox serve --clusters 10", "sandbox-serve")]
    [InlineData("--help", "migrator")]
    [InlineData("plan", "migrator")]
    [InlineData("inventroy --sandbox", "migrator")]
    [InlineData("", "migrator")]
    public void The_profile_is_named_after_the_verb(string commandLine, string expected) =>
        Assert.Equal(expected, StartupProfile.NameFor(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public void The_profiles_are_kept_in_the_users_cache_directory()
    {
        string? Env(string name, Dictionary<string, string> values) => values.GetValueOrDefault(name);
        Assert.Equal(Path.Combine("/var/cache/u", "migrator", "startup"),
            StartupProfile.Directory(n => Env(n, new() { ["XDG_CACHE_HOME"] = "/var/cache/u", ["HOME"] = "/home/u" })));
        Assert.Equal(Path.Combine("/home/u", ".cache", "migrator", "startup"), StartupProfile.Directory(n => Env(n, new() { ["HOME"] = "/home/u" })));
        // A relative XDG_CACHE_HOME is invalid by the XDG specification and is ignored.
        Assert.Equal(Path.Combine("/home/u", ".cache", "migrator", "startup"),
            StartupProfile.Directory(n => Env(n, new() { ["XDG_CACHE_HOME"] = "cache", ["HOME"] = "/home/u" })));
        if (!OperatingSystem.IsWindows())
            Assert.Null(StartupProfile.Directory(n => Env(n, [])));
    }

    [Fact]
    public async Task A_verb_records_its_profile_and_the_next_process_runs_with_it()
    {
        var cache = _dir.File("cache");
        var env = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache };
        var (code, output, error) = await CliRun.Child(_dir.Path, env, "runs", "list", "--db", _dir.File("state.db"));
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var profile = Path.Combine(cache, "migrator", "startup", "runs-list" + StartupProfile.FileExtension);
        Assert.True(File.Exists(profile), $"no profile at {profile}");
        Assert.True(new FileInfo(profile).Length > 0, "the profile is empty");

        var (again, outputAgain, errorAgain) = await CliRun.Child(_dir.Path, env, "runs", "list", "--db", _dir.File("state.db"));
        Assert.True(again == 0, $"exit {again}\n{outputAgain}\n{errorAgain}");
        Assert.Equal(output, outputAgain);
        CliRun.AssertClean(errorAgain);
    }

    [Fact]
    public async Task Without_a_usable_cache_directory_the_verb_runs_as_before()
    {
        // The cache "directory" is a file: the profile's directory cannot be made under it.
        var notADirectory = _dir.File("cache-file");
        await File.WriteAllTextAsync(notADirectory, "not a directory");
        var (code, output, error) = await CliRun.Child(_dir.Path, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = notADirectory },
            "runs", "list", "--db", _dir.File("state.db"));
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Equal("not a directory", await File.ReadAllTextAsync(notADirectory));
        CliRun.AssertClean(error);

        var (withCache, outputWithCache, _) = await CliRun.Child(_dir.Path, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = _dir.File("cache") },
            "runs", "list", "--db", _dir.File("state.db"));
        Assert.Equal(0, withCache);
        Assert.Equal(outputWithCache, output);
    }
}
