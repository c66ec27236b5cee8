using Migrator.Cli;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan export: the plan as Terraform or an eksctl ClusterConfig, for IaC-only teams.</summary>
public sealed class PlanExportVerb : IVerb
{
    public string Name => "plan export";
    public string Summary => "export a plan as Terraform (associations + trust policies) or eksctl ClusterConfig (podIdentityAssociations)";
    public static readonly VerbOption<string> Format = VerbOption.RequiredChoice("--format", "FORMAT", "terraform or eksctl", "terraform", "eksctl");
    public static readonly VerbOption<string?> Out = VerbOption.Text("--out", "FILE|DIR", "write to FILE instead of stdout; eksctl: a directory gets one ClusterConfig per cluster (ACCOUNT-REGION-CLUSTER.yaml)");
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan (default: the newest)");

    public IReadOnlyList<VerbOption> Options => [Format, Out, Plan];
    public Type Handler => typeof(PlanExportHandler);

    public sealed class PlanExportHandler(PlanningStage planning, VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => ExportAsync(console, planning, args, ct);
    }

    private static async Task<int> ExportAsync(VerbConsole console, PlanningStage planning, CliArgs args, CancellationToken ct)
    {
        var format = args.Get(Format);
        var plan = await planning.LoadAsync(args.Get(Plan), ct);
        var text = format == "terraform" ? TerraformExport.Write(plan) : EksctlExport.Write(plan);
        var path = args.Get(Out);
        if (format == "eksctl" && path is not null && (Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar)))
            return await WriteClusterFilesAsync(console, plan, path, ct);
        if (format == "eksctl" && path is not null && EksctlExport.Files(plan).Count > 1)
            throw new InvalidInputException($"plan {plan.Id} spans {EksctlExport.Files(plan).Count} clusters and eksctl takes one cluster per file: give --out a directory (e.g. --out eksctl/) to get one ClusterConfig per cluster.");
        if (path is null)
        {
            await console.Out.WriteAsync(text);
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
        await console.Out.WriteLineAsync($"wrote {format} for plan {plan.Id} to {path}");
        return ExitCodes.Ok;
    }

    private static async Task<int> WriteClusterFilesAsync(VerbConsole console, Core.Planning.MigrationPlan plan, string directory, CancellationToken ct)
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
        await console.Out.WriteLineAsync($"wrote {files.Count} eksctl ClusterConfig file(s) for plan {plan.Id} to {directory}: {string.Join(", ", files.Select(f => f.FileName))}");
        return ExitCodes.Ok;
    }
}
