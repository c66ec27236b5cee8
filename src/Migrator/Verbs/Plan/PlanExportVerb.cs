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
        OptionSpec.Value("--out", "FILE|DIR", "write to FILE instead of stdout; eksctl: a directory gets one ClusterConfig per cluster (ACCOUNT-REGION-CLUSTER.yaml)"),
        OptionSpec.Value("--plan", "ID", "plan (default: the newest)"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var format = context.Args.Choice("--format", "terraform", "terraform", "eksctl");
        var plan = await context.Get<PlanningStage>().LoadAsync(context.Args.Value("--plan"), ct);
        var text = format == "terraform" ? TerraformExport.Write(plan) : EksctlExport.Write(plan);
        var path = context.Args.Value("--out");
        if (format == "eksctl" && path is not null && (Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar)))
            return await WriteClusterFilesAsync(context, plan, path, ct);
        if (format == "eksctl" && path is not null && EksctlExport.Files(plan).Count > 1)
            throw new InvalidInputException($"plan {plan.Id} spans {EksctlExport.Files(plan).Count} clusters and eksctl takes one cluster per file: give --out a directory (e.g. --out eksctl/) to get one ClusterConfig per cluster.");
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

    private static async Task<int> WriteClusterFilesAsync(VerbContext context, Core.Planning.MigrationPlan plan, string directory, CancellationToken ct)
    {
        var files = EksctlExport.Files(plan);
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var (name, content) in files)
                await File.WriteAllTextAsync(Path.Combine(directory, name), content, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"cannot write to --out directory '{directory}': {e.Message}");
        }
        await context.Out.WriteLineAsync($"wrote {files.Count} eksctl ClusterConfig file(s) for plan {plan.Id} to {directory}: {string.Join(", ", files.Select(f => f.FileName))}");
        return ExitCodes.Ok;
    }
}
