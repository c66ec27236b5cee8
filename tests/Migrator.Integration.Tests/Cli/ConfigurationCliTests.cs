using Migrator.Cli;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// Bad configuration never crashes and is never ignored: every case ends with exit 3, every problem listed with its
/// key (Section:Key), where it came from, the value and what is expected, and no stack trace on stderr.
/// </summary>
public sealed class ConfigurationCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Config(string text)
    {
        var path = _dir.File($"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> Invalid(params string[] args)
    {
        var (code, output, error) = await CliRun.InProcess(["runs", "list", "--db", _dir.File("state.db"), .. args]);
        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}\n{output}\n{error}");
        Assert.Contains("error: configuration is invalid:", error, StringComparison.Ordinal);
        CliRun.AssertClean(error);
        return error;
    }

    [Theory]
    [InlineData("{ \"Storage\": { \"Path\": ", "is not valid JSON: line 1, column 24")]
    [InlineData("", "is empty; a configuration file is a JSON object")]
    [InlineData("   \n", "is empty")]
    [InlineData("[]", "must hold a JSON object { \"Section\": { \"Key\": value } } at the top; it holds an array")]
    [InlineData("null", "at the top; it holds null")]
    [InlineData("\"Storage\"", "it holds a string")]
    [InlineData("{ \"Reports\": { \"TopN\": 5, \"topn\": 6 } }", "Reports:topn")]
    public async Task A_file_that_is_no_configuration_object_is_named_with_the_fault(string text, string expected)
    {
        var file = Config(text);
        var error = await Invalid("--config", file);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_reader_allows_is_reported_not_thrown()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var error = await Invalid("--config", Config(deep));
        Assert.Contains("maximum configured depth of 64", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"Reports\": { \"TopN\": \"abc\" } }", "Reports:TopN", "= 'abc' is not valid: expected a whole number")]
    [InlineData("{ \"Planning\": { \"SoakPeriod\": \"7 days\" } }", "Planning:SoakPeriod", "expected a duration [d.]hh:mm:ss, e.g. 00:00:30 or 7.00:00:00 for 7 days")]
    [InlineData("{ \"Inventory\": { \"MaxParallelClusters\": 1e300 } }", "Inventory:MaxParallelClusters", "= '1e300' is not valid")]
    [InlineData("{ \"Execution\": { \"FailureRateThreshold\": \"a quarter\" } }", "Execution:FailureRateThreshold", "expected a number")]
    [InlineData("{ \"Planning\": { \"TrustWidening\": \"Sometimes\" } }", "Planning:TrustWidening", "expected one of Refuse")]
    [InlineData("{ \"Execution\": { \"ChangeWindows\": [ { \"Days\": [\"Funday\"], \"Start\": \"09:00\", \"End\": \"11:00\" } ] } }", "Execution:ChangeWindows:0:Days:0", "= 'Funday' is not valid: expected one of Sunday, Monday")]
    [InlineData("{ \"Execution\": { \"ChangeWindows\": [ { \"Days\": [\"Tuesday\"], \"Start\": \"25:00\", \"End\": \"11:00\" } ] } }", "Execution:ChangeWindows:0:Start", "= '25:00' is not valid: expected a time of day hh:mm")]
    [InlineData("{ \"Storage\": \"x.db\" }", "Storage", "is a section { ... }, not a single value")]
    [InlineData("{ \"Reports\": { \"TopN\": { \"Value\": 3 } } }", "Reports:TopN:Value", "Reports:TopN is a single value")]
    [InlineData("{ \"Aws\": { \"Accounts\": { \"first\": { \"Id\": \"1\" } } } }", "Aws:Accounts:first:Id", "Aws:Accounts is a list; its items are numbered 0, 1")]
    public async Task A_value_the_binder_cannot_use_names_key_value_and_what_is_expected(string text, string key, string expected)
    {
        var file = Config(text);
        var error = await Invalid("--config", file);
        Assert.Contains($"{key} ({file})", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_in_several_sections_are_all_listed_at_once()
    {
        var file = Config("""{ "Reports": { "TopN": "abc" }, "Planning": { "SoakPeriod": "7 days" }, "Storag": { "Path": "x.db" } }""");
        var error = await Invalid("--config", file, "--Planing:MaxWaveSize=0");
        Assert.Contains("Reports:TopN", error, StringComparison.Ordinal);
        Assert.Contains("Planning:SoakPeriod", error, StringComparison.Ordinal);
        Assert.Contains("unknown section 'Storag'; did you mean 'Storage'?", error, StringComparison.Ordinal);
        Assert.Contains("Planing:MaxWaveSize (command line --Planing:MaxWaveSize=0): unknown section 'Planing'; did you mean 'Planning'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_file_given_while_the_state_is_in_postgres_is_refused_not_ignored()
    {
        var db = _dir.File("state.db");
        var (code, output, error) = await CliRun.InProcess("runs", "list", "--db", db,
            "--Storage:Provider=postgres", "--Storage:ConnectionString=Host=127.0.0.1;Database=migrator");

        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"--db '{db}' names a SQLite state file, but Storage:Provider is 'postgres'", error, StringComparison.Ordinal);
        Assert.Contains("drop --db, or add --Storage:Provider=sqlite", error, StringComparison.Ordinal);
        CliRun.AssertClean(error);
        Assert.False(File.Exists(db), "nothing is written to the file that would have been ignored");
    }

    [Fact]
    public async Task Validation_failures_of_several_sections_are_all_listed_at_once()
    {
        var error = await Invalid("--Planning:CanarySize=-1", "--Reports:TopN=0", "--Inventory:MaxParallelClusters=0");
        Assert.Contains("Planning:CanarySize must be 0 or more; got -1.", error, StringComparison.Ordinal);
        Assert.Contains("Reports:TopN is 0", error, StringComparison.Ordinal);
        Assert.Contains("Inventory:MaxParallelClusters", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Planning:MaxWaveSise=3", "unknown key 'MaxWaveSise' in Planning; did you mean 'MaxWaveSize'?")]
    [InlineData("--Reports:OutputDirectory=out", "unknown key 'OutputDirectory' in Reports; did you mean 'OutputPath'?")]
    [InlineData("--Logging:LogLevel:Default=Debug", "unknown section 'Logging'.")]
    [InlineData("--Execution:ChangeWindows:0:Dayz:0=Monday", "unknown key 'Dayz' in Execution:ChangeWindows:0; did you mean 'Days'?")]
    [InlineData("--Sandbox:Realism:RateLimits:ecs=5", "'ecs' is not a key Sandbox:Realism:RateLimits takes")]
    public async Task An_unknown_key_is_rejected_with_the_near_name(string argument, string expected)
    {
        var error = await Invalid(argument);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documented_dictionaries_and_lists_take_their_keys()
    {
        var file = Config("""
            { "Assessment": { "Weights": { "keep.fargate": 10 }, "MinimumPlatformVersions": { "1.32": "eks.1" }, "UnsupportedRegions": [ "cn-north-1" ] },
              "Sandbox": { "Realism": { "RateLimits": { "iam": 5 } } },
              "Execution": { "ChangeWindows": [ { "Days": [ "Tuesday", "thursday" ], "Start": "22:00", "End": "02:00" } ] },
              "Reports": { "TopN": null } , "Aws": { "Accounts": [] } }
            """);
        var (code, output, error) = await CliRun.InProcess("runs", "list", "--db", _dir.File("state.db"), "--config", file, "--Reports:TopN=10");
        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{error}");
    }

    [Fact]
    public async Task An_invalid_cron_is_listed_with_the_other_problems_before_quartz_reads_it()
    {
        var (code, output, error) = await CliRun.InProcess("worker", "--db", _dir.File("state.db"), "--Worker:InventoryCron=every morning",
            "--Worker:LivenessFile=" + _dir.File("alive"), "--Reports:TopN=0");
        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}\n{output}\n{error}");
        Assert.Contains("Worker:InventoryCron 'every morning' is not a valid Quartz cron expression", error, StringComparison.Ordinal);
        Assert.Contains("Reports:TopN is 0", error, StringComparison.Ordinal);
        CliRun.AssertClean(error);
    }

    [Fact]
    public async Task Environment_variables_are_checked_and_named_as_written()
    {
        var env = new Dictionary<string, string> { ["MIGRATOR_Reports__TopN"] = "abc", ["MIGRATOR_Storag__Path"] = "x.db" };
        var (code, output, error) = await CliRun.Child(_dir.Path, env, "runs", "list", "--db", _dir.File("state.db"));
        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}\n{output}\n{error}");
        Assert.Contains("Reports:TopN (environment variable MIGRATOR_Reports__TopN): = 'abc' is not valid: expected a whole number", error, StringComparison.Ordinal);
        Assert.Contains("Storag:Path (environment variable MIGRATOR_Storag__Path): unknown section 'Storag'; did you mean 'Storage'?", error, StringComparison.Ordinal);
        CliRun.AssertClean(error);
    }

    [Fact]
    public async Task An_appsettings_json_in_the_working_directory_is_checked_too()
    {
        File.WriteAllText(_dir.File("appsettings.json"), """{ "Storage": { "Path": "x.db" }, "Planning": { "MaxWaveSize": "many" } }""");
        var (code, output, error) = await CliRun.Child(_dir.Path, new Dictionary<string, string>(), "runs", "list", "--db", _dir.File("state.db"));
        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}\n{output}\n{error}");
        Assert.Contains($"Planning:MaxWaveSize ({_dir.File("appsettings.json")}): = 'many' is not valid", error, StringComparison.Ordinal);
        CliRun.AssertClean(error);
    }
}
