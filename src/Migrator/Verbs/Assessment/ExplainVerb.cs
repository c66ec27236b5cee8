using System.Text.Json;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Ports;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Assessment;

/// <summary>migrator explain CLUSTER/NAMESPACE/SERVICEACCOUNT: every reason of one binding with its evidence and action.</summary>
public sealed class ExplainVerb : IVerb
{
    public string Name => "explain";
    public string Summary => "explain one binding's assessment: every reason with its evidence and suggested action";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "CLUSTER/NAMESPACE/SERVICEACCOUNT";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.RunId("--run", "ID", "inventory run (default: the latest)"),
        OptionSpec.Value("--output", "FORMAT", "text (default) or json"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var spec = context.Args.Positionals.Count == 1 ? context.Args.Positionals[0]
            : throw new UsageException("give the binding as CLUSTER/NAMESPACE/SERVICEACCOUNT.");
        // Without --run: the latest inventory run, so a newer run is never explained with an older assessment.
        var runs = context.Args.Has("--run") ? [] : await StateFile.Use(() => context.Get<IInventoryStore>().ListRunsAsync(ct));
        var runId = context.Args.LongNumber("--run")
            ?? (runs.Count > 0 ? runs[0].RunId : (long?)null)
            ?? throw new InvalidInputException("no inventory run is stored yet: run 'migrator inventory' first.");
        var output = context.Args.Choice("--output", "text", "text", "json");
        var result = await StateFile.Use(() => context.Get<AssessmentStage>().StoredOrUnsavedAsync(runId, ct));
        var binding = BindingLocator.Find(result, spec);
        var findings = result.RoleFindings.Where(f => f.RoleArn == binding.RoleArn).ToList();
        // Evidence of use (issue 17): what CloudTrail and IAM recorded for the identity at that inventory.
        var snapshot = await StateFile.Use(() => context.Get<IInventoryStore>().LoadSnapshotAsync(runId, SnapshotParts.WithoutPodsAndWorkloads, ct));
        var usage = snapshot?.Usage.FirstOrDefault(u => u.Key == binding.Key);
        var role = snapshot?.Roles.FirstOrDefault(r => r.Arn == binding.RoleArn);
        var evidence = Core.Evidence.UsageEvidenceLines.Of(usage, role);
        if (output == "json")
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { result.RunId, result.AssessedAt, Binding = binding, RoleFindings = findings, Usage = usage, Evidence = evidence }, AssessmentOutput.Json));
        else
        {
            AssessmentOutput.WriteExplanation(context.Out, binding, findings, result.RunId);
            if (evidence.Count > 0)
            {
                await context.Out.WriteLineAsync("Evidence of use:");
                foreach (var line in evidence)
                    await context.Out.WriteLineAsync($"  {line}");
            }
        }
        return ExitCodes.Ok;
    }
}
