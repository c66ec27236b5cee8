using CsCheck;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// Fuzz-style: many malformed configuration files and command lines. Whatever they hold, the exit code is a
/// documented one (0–5) and stderr carries no stack trace: nothing escapes as an unhandled exception (exit 134).
/// </summary>
public sealed class MalformedInputFuzzTests : IDisposable
{
    private const int Cases = 150;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Keys =
    [
        "Storage:Path", "Reports:TopN", "Reports:OutputPath", "Reports:OutputDirectory", "Planning:SoakPeriod", "Planning:MaxWaveSize",
        "Planing:MaxWaveSize", "Planning:TrustWidening", "Execution:ChangeWindows:0:Days:0", "Execution:ChangeWindows:0:Start",
        "Execution:ChangeWindows:x:End", "Execution:FailureRateThreshold", "Inventory:MaxParallelClusters", "Worker:InventoryCron",
        "Aws:Accounts:0:Id", "Aws:Accounts:0:Regions:0", "Aws:Retry:BaseDelay", "Assessment:Weights:keep.fargate", "Storag:Path",
        "Sandbox:Realism:RateLimits:iam", "Kubernetes:PageSize", "Kubernetes:Contexts:0:Name", "Reports:TopN:Inner", "",
    ];

    private static readonly string[] Values =
    [
        "abc", "7 days", "1e300", "-1", "0", "25:00", "Funday", "\u202Eevil", "null", "true", "00:00:30", "99999999999999999999",
        "", "[", "{}", "Monday", "* * *", "0 0 6 * * ?", "\0", new string('x', 5000), "1.5", "NaN",
    ];

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Gen.OneOf<string>(Values).Select(v => System.Text.Json.JsonSerializer.Serialize(v)),
        Gen.OneOf<string>("1e300", "null", "true", "[]", "{}", "[1,[2,[3]]]", "-0", "1.0e-400", "{\"a\":{\"b\":{}}}", "[\"Funday\"]"));

    /// <summary>A configuration object from known and mistyped keys, or text cut, spliced or garbled anywhere.</summary>
    private static readonly Gen<string> ConfigurationText = Gen.OneOf(
        Gen.Select(Gen.OneOf<string>(Keys).Array[1, 6], JsonValue.Array[6], (keys, values) =>
            "{" + string.Join(",", keys.Select((k, i) => Nest(k.Split(':'), values[i]))) + "}"),
        Gen.Select(Gen.OneOf<string>(Keys), JsonValue, Gen.Int[0, 200], Gen.String[0, 8], (key, value, cut, noise) =>
        {
            var text = "{" + Nest(key.Split(':'), value) + "}";
            var at = Math.Min(cut, text.Length);
            return text[..at] + noise + text[at..];
        }),
        Gen.OneOf<string>("", " ", "[]", "null", "\"x\"", "{", "}", "{,}", "{\"a\":1,}", "/* c */ {}", "\uFEFF{}", "{\"Reports\":{\"TopN\":1,\"TOPN\":2}}",
            string.Concat(Enumerable.Repeat("[", 100)), string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70)),
        Gen.String[0, 64]);

    private static string Nest(string[] path, string value) =>
        path.Length == 0 ? value : $"\"{path[0]}\":" + (path.Length == 1 ? value : "{" + Nest(path[1..], value) + "}");

    private static readonly string[] Verbs = ["runs list", "runs show", "runs diff", "plan show", "scope show", "explain", "trust explain", "report", "assess", "plan approve", "nope", ""];

    private static readonly Gen<string[]> Arguments = Gen.Select(
        Gen.OneOf<string>(Verbs),
        Gen.OneOf(
            Gen.OneOf<string>("--run", "--plan", "--phase", "--by", "--output", "--format", "--top", "--help", "--verbose", "-x", "--", "--=", "--:=",
                "--Reports:TopN=abc", "--Planing:MaxWaveSize=0", "--Execution:ChangeWindows:0:Days:0=Funday", "--Storage=x", "--a:b", "--Reports:TopN",
                "json", "text", "1", "-1", "99999999999999999999", "a/b/c", "--policy", "/nonexistent", "\u202E", "--version"),
            Gen.String[0, 12]).Array[0, 6],
        (verb, rest) => verb.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(rest).ToArray());

    [Fact]
    public async Task Malformed_configuration_files_end_in_a_documented_exit_code_without_a_stack_trace()
    {
        var db = _dir.File("state.db");
        await ConfigurationText.SampleAsync(async text =>
        {
            var file = _dir.File("fuzz.json");
            await File.WriteAllTextAsync(file, text);
            var (code, output, error) = await CliRun.InProcess("runs", "list", "--db", db, "--config", file);
            Assert.True(code is >= 0 and <= 5, $"exit {code} for:\n{text}\n{output}\n{error}");
            CliRun.AssertClean(error);
        }, iter: Cases, threads: 1);
    }

    [Fact]
    public async Task Malformed_command_lines_end_in_a_documented_exit_code_without_a_stack_trace()
    {
        var db = _dir.File("state.db");
        await Arguments.SampleAsync(async args =>
        {
            var (code, output, error) = await CliRun.InProcess([.. args, "--db", db, $"--Reports:OutputPath={_dir.File("reports")}"]);
            Assert.True(code is >= 0 and <= 5, $"exit {code} for: {string.Join(" ", args)}\n{output}\n{error}");
            CliRun.AssertClean(error);
        }, iter: Cases, threads: 1);
    }
}
