using System.Text.RegularExpressions;
using Migrator.Cli;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Hosting;

/// <summary>The generator's role target through the command line: `sandbox generate --roles` and `--sandbox` with Sandbox:Generate:Roles.</summary>
public sealed partial class SandboxRoleTargetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Generate_writes_an_estate_near_the_role_target_and_says_how_near()
    {
        var file = _dir.File("estate.json");

        var (code, output, error) = await Cli("sandbox", "generate", "--clusters", "20", "--service-accounts", "2000", "--seed", "3", "--roles", "600", "--out", file);

        Assert.True(code == ExitCodes.Ok, error);
        var made = int.Parse(ApplicationRolesLine().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(made, 540, 660);
        var expected = EstateGenerator.Generate(new GeneratorOptions { Clusters = 20, ServiceAccounts = 2000, Seed = 3, Roles = 600 });
        Assert.Equal(expected.ApplicationRoles, made);
        Assert.Equal(EstateFile.Serialize(expected.Estate), File.ReadAllText(file));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("many")]
    public async Task Generate_refuses_a_role_target_that_is_not_a_positive_number(string roles)
    {
        var (code, _, error) = await Cli("sandbox", "generate", "--roles", roles, "--out", _dir.File("estate.json"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("'--roles' must be a whole number", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("estate.json")));
    }

    [Fact]
    public async Task Sandbox_configuration_role_target_shapes_the_generated_estate()
    {
        var state = _dir.File("state.json");

        var (code, _, error) = await Cli("inventory", "--sandbox", "--db", _dir.File("state.db"), $"--Sandbox:StateFile={state}",
            "--Sandbox:Generate:Clusters=4", "--Sandbox:Generate:ServiceAccounts=120", "--Sandbox:Generate:Seed=5", "--Sandbox:Generate:Roles=30");

        Assert.True(code == ExitCodes.Ok, error);
        var expected = EstateGenerator.Generate(new GeneratorOptions { Clusters = 4, ServiceAccounts = 120, Seed = 5, Roles = 30 }).Estate;
        Assert.Equal(RoleNames(expected), RoleNames(EstateFile.Load(state)));
        Assert.NotEqual(RoleNames(expected), RoleNames(EstateGenerator.Generate(new GeneratorOptions { Clusters = 4, ServiceAccounts = 120, Seed = 5 }).Estate));
    }

    [Fact]
    public async Task Sandbox_configuration_with_a_role_target_below_one_is_invalid_input_naming_the_setting()
    {
        var (code, _, error) = await Cli("inventory", "--sandbox", "--db", _dir.File("state.db"), $"--Sandbox:StateFile={_dir.File("state.json")}",
            "--Sandbox:Generate:Roles=0", "--Sandbox:Generate:Clusters=0");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("Sandbox:Generate:Roles is 0", error, StringComparison.Ordinal);
        Assert.Contains("Sandbox:Generate:Clusters is 0", error, StringComparison.Ordinal);
    }

    private static List<string> RoleNames(Estate estate) =>
        estate.Accounts.SelectMany(a => a.Roles.Select(r => $"{a.Id}/{r.Name}")).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"application IRSA roles: (\d+) for a target of 600\.")]
    private static partial Regex ApplicationRolesLine();
}
