using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Core.Evidence;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Ports;
using Migrator.Core.Trust;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator phase run N: runs an approved phase (journalled, resumable); --dry-run prints the exact calls instead.</summary>
public sealed class PhaseRunVerb : IVerb
{
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan (default: the newest)");
    public static readonly VerbOption<bool> DryRun = VerbOption.Flag("--dry-run", "print what would be done and the API calls; change nothing");

    public string Name => "phase run";
    public string Summary => "run an approved phase (re-running continues from the journal); --dry-run prints the exact API calls";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "N";
    public IReadOnlyList<VerbOption> Options => [Plan, DryRun];
    public Type Handler => typeof(PhaseRunHandler);

    public sealed class PhaseRunHandler(PlanningStage planning, ExecutionStage execution, IOptions<EvidenceSettings> evidence, IIamApi iam, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var number = PhaseArgument.Parse(args);
            var plan = await planning.LoadAsync(args.Get(Plan), ct);
            var phase = plan.FindPhase(number) ?? throw new InvalidInputException($"plan {plan.Id} has no phase {number}: phases are 0..{plan.Phases.Count - 1}.");
            if (!args.Get(DryRun))
                return await PlanText.ExecuteAsync(console, observer => execution.RunPhaseAsync(plan, number, observer, ct), "ran");
            var w = console.Out;
            var journal = await planning.JournalAsync(plan.Id, ct);
            var approval = (await planning.ApprovalsAsync(plan.Id, ct)).FirstOrDefault(a => a.Phase == number);
            await w.WriteLineAsync($"dry run of phase {number} of plan {plan.Id} ({(approval is not null ? "approved" : "NOT approved: 'phase run' would refuse")}); nothing is changed.");
            foreach (var line in PlanText.Modes(phase, approval))
                await w.WriteLineAsync(line);
            var done = journal.Where(e => e.Direction == JournalDirection.Forward && e.IsDone).Select(e => e.StepId).ToHashSet(StringComparer.Ordinal);
            await CleanupEvidenceText.WriteAsync(w, evidence.Value, phase);
            var shownSteps = phase.Steps.Select(step => (Step: step, Forced: step is ChangeSetStep cs && approval is not null && Core.Ownership.DirectOverride.Forces(approval.ForcedDirect, cs)))
                .Select(x => (x.Step, x.Forced, Shown: x.Forced ? ((ChangeSetStep)x.Step).DirectStep : x.Step)).ToList();
            // The trust each write would put in place, from the live policy (read only), as the executor computes it.
            var pending = shownSteps.Where(x => !done.Contains(x.Step.Id) && TrustPreview.WritesTrust(x.Shown)).Select(x => x.Shown).ToList();
            var current = await CurrentTrustAsync(plan, pending.Select(x => x.RoleArn!).Distinct(StringComparer.Ordinal), w, ct);
            var previews = TrustPreview.Of(plan, pending, current).ToDictionary(p => p.StepId, StringComparer.Ordinal);
            foreach (var (step, forced, shown) in shownSteps)
            {
                await w.WriteLineAsync($"- {shown.Describe()}{(forced ? "   [forced to direct by the approval]" : "")}{(done.Contains(step.Id) ? "   [already done per the journal]" : "")}");
                foreach (var call in shown.ApiCalls())
                    await w.WriteLineAsync($"    {call}");
                if (previews.TryGetValue(shown.Id, out var preview))
                    await WriteTrustAsync(w, plan, preview);
            }
            return ExitCodes.Ok;
        }

        /// <summary>Each role's live trust policy; the one at planning (with a note) when it cannot be read.</summary>
        private async Task<Dictionary<string, string>> CurrentTrustAsync(Core.Planning.MigrationPlan plan, IEnumerable<string> roles, TextWriter w, CancellationToken ct)
        {
            var current = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var arn in roles)
            {
                string? why;
                try
                {
                    var live = await iam.GetRoleAsync(RoleArns.AccountOf(arn), RoleArns.NameOf(arn), ct);
                    if (live is not null)
                    {
                        current[arn] = live.TrustPolicy;
                        continue;
                    }
                    why = "the role does not exist";
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    why = e.Message;
                }
                if (plan.FindRole(arn)?.TrustPolicyAtPlanning is { } planned)
                {
                    current[arn] = planned;
                    await w.WriteLineAsync($"note: the live trust policy of {arn} could not be read ({why}): its documents below start from the policy at planning; 'phase run' rewrites the live one.");
                }
                else
                {
                    await w.WriteLineAsync($"note: the trust policy of {arn} could not be read ({why}) and was not inventoried: its document is computed when the phase runs.");
                }
            }
            return current;
        }

        private static async Task WriteTrustAsync(TextWriter w, Core.Planning.MigrationPlan plan, TrustPreviewEntry preview)
        {
            var edit = preview.Edit;
            foreach (var warning in edit.Warnings)
                await w.WriteLineAsync($"    warning: {warning}");
            if (!edit.Success)
            {
                await w.WriteLineAsync($"    would fail, nothing written: {edit.Error}");
                return;
            }
            if (!edit.Changed)
            {
                await w.WriteLineAsync("    the trust policy already says this: nothing would be written");
                return;
            }
            await w.WriteLineAsync($"    NEW_TRUST.json, the exact document written ({TrustPolicySize.Count(edit.Document)} of {plan.Settings.TrustSizeLimit} characters, whitespace not counted):");
            foreach (var line in edit.Document.TrimEnd('\n').Split('\n'))
                await w.WriteLineAsync($"      {line}");
            await w.WriteLineAsync("    diff against the current trust policy:");
            foreach (var line in Trust.RewriteReport.Diff(preview.Before, edit.Document).TrimEnd('\n').Split('\n'))
                await w.WriteLineAsync($"      {line}");
        }
    }
}
