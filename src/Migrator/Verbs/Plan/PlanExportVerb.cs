using Migrator.Cli;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan export: the plan as Terraform or an eksctl ClusterConfig, for IaC-only teams.</summary>
public sealed class PlanExportVerb : IVerb
{
    public string Name => "plan export";
    public string Summary => "export a plan as Terraform (associations + trust policies) or eksctl ClusterConfig (podIdentityAssociations)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--format", "FORMAT", "terraform or eksctl", required: true),
        OptionSpec.Value("--out", "FILE", "write to FILE instead of stdout"),
        OptionSpec.Value("--plan", "ID", "plan (default: the newest)"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var format = context.Args.Choice("--format", "terraform", "terraform", "eksctl");
        var plan = await context.Get<PlanningStage>().LoadAsync(context.Args.Value("--plan"), ct);
        var text = format == "terraform" ? TerraformExport.Write(plan) : EksctlExport.Write(plan);
        var path = context.Args.Value("--out");
        if (path is null)
        {
            await context.Out.WriteAsync(text);
            return ExitCodes.Ok;
        }
        try
        {
            // --out dir/main.tf: the folder is made as the report's --out folder is.
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(path, text, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"cannot write --out file '{path}': {e.Message}");
        }
        await context.Out.WriteLineAsync($"wrote {format} for plan {plan.Id} to {path}");
        return ExitCodes.Ok;
    }
}
