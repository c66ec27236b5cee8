using Migrator.Cli;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>The command line as users of dotnet tools expect it (System.CommandLine): help, version, completion, typed options, exit 2 on usage errors.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertUsage((int Code, string Out, string Err) result, string expected)
    {
        Assert.True(result.Code == ExitCodes.Usage, $"exit {result.Code}\n{result.Out}\n{result.Err}");
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
        CliRun.AssertClean(result.Err);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var (code, output, error) = await CliRun.InProcess("--version");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
        Assert.Equal("", error);
    }

    [Fact]
    public async Task No_verb_prints_the_verbs_and_exits_2()
    {
        var (code, output, _) = await CliRun.InProcess();
        Assert.Equal(ExitCodes.Usage, code);
        foreach (var verb in (string[])["inventory", "plan", "trust", "sandbox", "worker", "report", "run"])
            Assert.Contains(verb, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_documented_verb_has_help()
    {
        foreach (var verb in VerbCatalog.All)
        {
            var (code, output, error) = await CliRun.InProcess([.. verb.Name.Split(' '), "--help"]);
            Assert.True(code == ExitCodes.Ok, $"{verb.Name} --help exited {code}: {error}");
            // The executable is testhost under the test runner: the usage line ends with the verb's words.
            Assert.Contains($" {verb.Name} ", output.Split("Usage:")[1].Split('\n')[1], StringComparison.Ordinal);
            Assert.Contains("--sandbox", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_marks_required_options()
    {
        var (code, output, _) = await CliRun.InProcess("trust", "explain", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("--policy <FILE> (REQUIRED)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--issuer <ISSUER> (REQUIRED)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error_with_the_near_verb() =>
        AssertUsage(await CliRun.InProcess("pln", "show"), "'pln': did you mean 'plan'?");

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error() =>
        AssertUsage(await CliRun.InProcess("plan", "approve", "--by", "me"), "Option '--phase' is required.");

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_usage_error() =>
        AssertUsage(await CliRun.InProcess("plan", "approve", "--phase", "one", "--by", "me"), "option '--phase' must be a whole number (N); got 'one'.");

    [Fact]
    public async Task An_option_is_never_taken_as_the_value_of_the_option_before_it() =>
        AssertUsage(await CliRun.InProcess("plan", "approve", "--phase", "1", "--by", "--sandbox"),
            "option '--by' needs a value (NAME) but is followed by the option '--sandbox'.");

    [Fact]
    public async Task A_configuration_override_needs_its_equals_sign() =>
        AssertUsage(await CliRun.InProcess("runs", "list", "--Reports:TopN", "5"), "a configuration override is written --Section:Key=value");

    [Fact]
    public async Task Configuration_overrides_and_global_options_pass_through_the_parser()
    {
        var (code, output, error) = await CliRun.InProcess("runs", "list", "--db", _dir.File("state.db"), "--Reports:TopN=5", "--verbose", "--config", WriteConfig("{}"));
        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{error}");
    }

    [Fact]
    public async Task A_value_starting_with_at_is_a_value_not_a_response_file()
    {
        var (code, _, error) = await CliRun.InProcess("plan", "approve", "--phase", "1", "--by", "@alice", "--db", _dir.File("state.db"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no plan is stored yet", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggest_directive_completes_verbs_for_dotnet_suggest()
    {
        var (code, output, _) = await CliRun.InProcess("[suggest:14]", "migrator plan a");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("approve", output.Split('\n').Select(l => l.Trim()));
        var options = await CliRun.InProcess("[suggest:26]", "migrator plan approve --ph");
        Assert.Contains("--phase", options.Out.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Hints_carry_sandbox_when_the_command_ran_with_it()
    {
        var sandbox = new SandboxCli(_dir);
        var (code, _, error) = await sandbox.Cli("plan", "show");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'migrator plan create --sandbox'", error, StringComparison.Ordinal);

        var plain = await CliRun.InProcess("plan", "show", "--db", _dir.File("plain.db"));
        Assert.Contains("'migrator plan create'", plain.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_export_creates_the_folder_of_its_out_file()
    {
        var sandbox = new SandboxCli(_dir);
        await sandbox.Ok("run");
        var file = Path.Combine(_dir.File("exports"), "nested", "plan.tf");
        await sandbox.Ok("plan", "export", "--format", "terraform", "--out", file);
        Assert.Contains("aws_eks_pod_identity_association", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    private string WriteConfig(string text)
    {
        var path = _dir.File($"c-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
