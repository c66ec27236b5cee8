using Migrator.Cli;
using Migrator.Sandbox;

namespace Migrator.Verbs.Sandbox;

/// <summary>Reads the generator options the sandbox verbs share (--clusters, --service-accounts, --seed, --accounts, --roles).</summary>
internal static class SandboxEstateOptions
{
    public static GeneratorOptions Generator(CliArgs args) => new()
    {
        Clusters = args.WholeNumber("--clusters", 1, 10_000) ?? 8,
        ServiceAccounts = args.WholeNumber("--service-accounts", 0, 1_000_000) ?? 200,
        Seed = args.WholeNumber("--seed") ?? 1,
        Accounts = args.WholeNumber("--accounts", 1, 1_000),
        Roles = args.WholeNumber("--roles", 1, 1_000_000),
        Owners = args.Flag("--owners"),
    };

    /// <summary>Loads an estate file, turning validation problems into exit code 3 with every problem listed.</summary>
    public static Migrator.Sandbox.Estate Load(string path)
    {
        var result = EstateFile.Read(path);
        if (!result.Success)
            throw new InvalidInputException($"the estate file '{path}' has {result.Errors.Count} problem(s):{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", result.Errors)}");
        return result.Estate!;
    }
}
