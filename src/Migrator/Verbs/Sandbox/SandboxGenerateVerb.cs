using Migrator.Cli;
using Migrator.Sandbox;

namespace Migrator.Verbs.Sandbox;

/// <summary>migrator sandbox generate: writes a deterministic, realistic estate file.</summary>
public sealed class SandboxGenerateVerb : IVerb
{
    public string Name => "sandbox generate";
    public bool UsesStateFile => false;
    public string Summary => "write a generated estate file (deterministic by seed) for the sandbox";

    public static readonly VerbOption<int?> Clusters = VerbOption.Number("--clusters", "N", "number of clusters (default 8)", 1, 10_000);
    public static readonly VerbOption<int?> ServiceAccounts = VerbOption.Number("--service-accounts", "M", "application service accounts across all clusters (default 200)", 0, 1_000_000);
    public static readonly VerbOption<int?> Seed = VerbOption.Number("--seed", "S", "seed; the same seed writes a byte-identical file (default 1)");
    public static readonly VerbOption<int?> Accounts = VerbOption.Number("--accounts", "K", "AWS accounts (default from the cluster count)", 1, 1_000);
    public static readonly VerbOption<int?> Roles = VerbOption.Number("--roles", "R", "target number of application IRSA roles; service accounts then share roles (default: about one each)", 1, 1_000_000);
    public static readonly VerbOption<bool> Owners = VerbOption.Flag("--owners", "mark roles and service accounts with their owners' metadata (Terraform, eksctl, CloudFormation, Helm, Argo CD, Flux)");
    public static readonly VerbOption<string> Out = VerbOption.RequiredText("--out", "FILE", "where to write the estate");

    private static readonly GeneratorOptionSet Generator = new(Clusters, ServiceAccounts, Seed, Accounts, Roles, Owners);

    public IReadOnlyList<VerbOption> Options => [.. Generator.All, Out];
    public Type Handler => typeof(SandboxGenerateHandler);

    public sealed class SandboxGenerateHandler(VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => Task.FromResult(Generate(args, console.Out));
    }

    private static int Generate(CliArgs args, TextWriter output)
    {
        var options = SandboxEstateOptions.Generator(args, Generator);
        var path = args.Get(Out);
        var generated = EstateGenerator.Generate(options);
        try
        {
            EstateFile.Save(generated.Estate, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"cannot write the estate to '{path}': {e.Message}. Choose a writable path with --out.");
        }

        var estate = generated.Estate;
        var annotated = estate.Clusters.Sum(c => c.ServiceAccounts.Count(s => s.RoleArn is not null));
        output.WriteLine($"wrote {Path.GetFullPath(path)}: {estate.Accounts.Count} accounts, {estate.Clusters.Count} clusters, " +
            $"{estate.Clusters.Sum(c => c.ServiceAccounts.Count)} service accounts ({annotated} with IRSA), {estate.Accounts.Sum(a => a.Roles.Count)} roles, " +
            $"{estate.Clusters.Sum(c => c.PodIdentityAssociations.Count)} associations (seed {options.Seed}).");
        if (options.Roles is { } target)
        {
            var reach = Math.Abs(generated.ApplicationRoles - target) * 10 <= target ? ""
                : generated.ApplicationRoles > target
                    ? " (the fewest this estate allows: the planted conditions need their own roles and no trust policy may exceed 2,048 characters)"
                    : " (the most this estate allows: too few service accounts with IRSA for more)";
            output.WriteLine($"application IRSA roles: {generated.ApplicationRoles} for a target of {target}{reach}.");
        }
        output.WriteLine("planted: " + string.Join(", ", generated.Seeds.GroupBy(s => s.Condition).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        return ExitCodes.Ok;
    }
}
