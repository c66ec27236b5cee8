using Migrator.Cli;
using Migrator.Sandbox;

namespace Migrator.Verbs.Sandbox;

/// <summary>Reads the generator options the sandbox verbs share (--clusters, --service-accounts, --seed, --accounts, --roles, --owners).</summary>
internal static class SandboxEstateOptions
{
    public static GeneratorOptions Generator(CliArgs args, GeneratorOptionSet options) => new()
    {
        Clusters = args.Get(options.Clusters) ?? 8,
        ServiceAccounts = args.Get(options.ServiceAccounts) ?? 200,
        Seed = args.Get(options.Seed) ?? 1,
        Accounts = args.Get(options.Accounts),
        Roles = args.Get(options.Roles),
        Owners = args.Get(options.Owners),
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

/// <summary>The generator options of one sandbox verb (each verb words their help for itself).</summary>
internal sealed record GeneratorOptionSet(
    VerbOption<int?> Clusters, VerbOption<int?> ServiceAccounts, VerbOption<int?> Seed, VerbOption<int?> Accounts, VerbOption<int?> Roles, VerbOption<bool> Owners)
{
    public IReadOnlyList<VerbOption> All => [Clusters, ServiceAccounts, Seed, Accounts, Roles, Owners];
}
