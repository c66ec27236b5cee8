using System.Text.Json;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Ports;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Assessment;

/// <summary>migrator explain CLUSTER/NAMESPACE/SERVICEACCOUNT: every reason of one binding with its evidence and action.</summary>
public sealed class ExplainVerb : IVerb
{
    public static readonly VerbOption<long?> Run = VerbOption.RunId("--run", "ID", "inventory run (default: the latest)");
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

    public string Name => "explain";
    public string Summary => "explain one binding's assessment: every reason with its evidence and suggested action";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "CLUSTER/NAMESPACE/SERVICEACCOUNT";
    public IReadOnlyList<VerbOption> Options => [Run, Output];
    public Type Handler => typeof(ExplainHandler);

    public sealed class ExplainHandler(AssessmentStage assessment, IInventoryStore inventory, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var spec = args.Positionals.Count == 1 ? args.Positionals[0]
                : throw new UsageException("give the binding as CLUSTER/NAMESPACE/SERVICEACCOUNT.");
            // Without --run: the latest inventory run, so a newer run is never explained with an older assessment.
            var runs = args.Has(Run) ? [] : await StateFile.Use(() => inventory.ListRunsAsync(ct));
            var runId = args.Get(Run)
                ?? (runs.Count > 0 ? runs[0].RunId : (long?)null)
                ?? throw new InvalidInputException("no inventory run is stored yet: run 'migrator inventory' first.");
            var output = args.Get(Output);
            var result = await StateFile.Use(() => assessment.StoredOrUnsavedAsync(runId, ct));
            var binding = BindingLocator.Find(result, spec);
            var findings = result.RoleFindings.Where(f => f.RoleArn == binding.RoleArn).ToList();
            // Evidence of use (issue 17): what CloudTrail and IAM recorded for the identity at that inventory.
            var snapshot = await StateFile.Use(() => inventory.LoadSnapshotAsync(runId, SnapshotParts.WithoutPodsAndWorkloads, ct));
            var usage = snapshot?.Usage.FirstOrDefault(u => u.Key == binding.Key);
            var role = snapshot?.Roles.FirstOrDefault(r => r.Arn == binding.RoleArn);
            var evidence = Core.Evidence.UsageEvidenceLines.Of(usage, role);
            if (output == "json")
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new { result.RunId, result.AssessedAt, Binding = binding, RoleFindings = findings, Usage = usage, Evidence = evidence }, AssessmentOutput.Json));
            else
            {
                AssessmentOutput.WriteExplanation(console.Out, binding, findings, result.RunId);
                if (evidence.Count > 0)
                {
                    await console.Out.WriteLineAsync("Evidence of use:");
                    foreach (var line in evidence)
                        await console.Out.WriteLineAsync($"  {line}");
                }
            }
            return ExitCodes.Ok;
        }
    }
}
