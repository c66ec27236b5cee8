using Migrator.Cli;
using Migrator.Sandbox;

namespace Migrator.Verbs.Sandbox;

/// <summary>migrator sandbox generate: writes a deterministic, realistic estate file.</summary>
public sealed class SandboxGenerateVerb : IVerb
{
    public string Name => "sandbox generate";
    public bool UsesStateFile => false;
    public string Summary => "write a generated estate file (deterministic by seed) for the sandbox";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Number("--clusters", "N", "number of clusters (default 8)"),
        OptionSpec.Number("--service-accounts", "M", "application service accounts across all clusters (default 200)"),
        OptionSpec.Number("--seed", "S", "seed; the same seed writes a byte-identical file (default 1)"),
        OptionSpec.Number("--accounts", "K", "AWS accounts (default from the cluster count)"),
        OptionSpec.Number("--roles", "R", "target number of application IRSA roles; service accounts then share roles (default: about one each)"),
        OptionSpec.Flag("--owners", "mark roles and service accounts with their owners' metadata (Terraform, eksctl, CloudFormation, Helm, Argo CD, Flux)"),
        OptionSpec.Value("--out", "FILE", "where to write the estate", required: true),
    ];

    public Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var options = SandboxEstateOptions.Generator(context.Args);
        var path = context.Args.Required("--out");
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
        context.Out.WriteLine($"wrote {Path.GetFullPath(path)}: {estate.Accounts.Count} accounts, {estate.Clusters.Count} clusters, " +
            $"{estate.Clusters.Sum(c => c.ServiceAccounts.Count)} service accounts ({annotated} with IRSA), {estate.Accounts.Sum(a => a.Roles.Count)} roles, " +
            $"{estate.Clusters.Sum(c => c.PodIdentityAssociations.Count)} associations (seed {options.Seed}).");
        if (options.Roles is { } target)
        {
            var reach = Math.Abs(generated.ApplicationRoles - target) * 10 <= target ? ""
                : generated.ApplicationRoles > target
                    ? " (the fewest this estate allows: the planted conditions need their own roles and no trust policy may exceed 2,048 characters)"
                    : " (the most this estate allows: too few service accounts with IRSA for more)";
            context.Out.WriteLine($"application IRSA roles: {generated.ApplicationRoles} for a target of {target}{reach}.");
        }
        context.Out.WriteLine("planted: " + string.Join(", ", generated.Seeds.GroupBy(s => s.Condition).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        return Task.FromResult(ExitCodes.Ok);
    }
}
