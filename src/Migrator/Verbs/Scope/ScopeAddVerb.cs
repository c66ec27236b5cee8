using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Execution;
using Migrator.Verbs.Assessment;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Scope;

/// <summary>migrator scope add: widens the migration scope on purpose, recorded with who and when.</summary>
public sealed class ScopeAddVerb : IVerb
{
    public string Name => "scope add";
    public string Summary => "widen the migration scope: named identities, a plan's migration phases, or every identity that can move now";
    public int MaxPositionals => 10_000;
    public string PositionalHelp => "[CLUSTER/NAMESPACE/SERVICEACCOUNT ...]";
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "add every identity planned into a canary or wave phase of this plan");
    public static readonly VerbOption<bool> AllReady = VerbOption.Flag("--all-ready", "add every identity the latest assessment finds Ready or Coordinate (can move now)");
    public static readonly VerbOption<string> By = VerbOption.RequiredText("--by", "NAME", "who widens the scope");

    public IReadOnlyList<VerbOption> Options => [Plan, AllReady, By];
    public Type Handler => typeof(ScopeAddHandler);

    public sealed class ScopeAddHandler(IScopeStore store, IAssessmentStore assessments, PlanningStage planning, TimeProvider time, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var by = args.Get(By).Trim();
            if (by.Length == 0) throw new UsageException("--by must name who widens the scope.");
            var planId = args.Get(Plan);
            var allReady = args.Get(AllReady);
            var specs = args.Positionals;
            if (specs.Count == 0 && planId is null && !allReady)
                throw new UsageException("name what to add: CLUSTER/NAMESPACE/SERVICEACCOUNT ..., --plan ID, or --all-ready.");
            if (await StateFile.Use(() => store.LoadAsync(ct)) is null)
                throw new InvalidInputException("no migration scope exists yet: the first plan fixes it ('migrator plan create' or 'migrator run'); widen it afterwards.");
            var assessment = await StateFile.Use(() => assessments.LoadAsync(null, ct))
                ?? throw new InvalidInputException("no assessment is stored yet: run 'migrator inventory' then 'migrator assess' first.");
            var now = time.GetUtcNow();

            var members = new List<ScopeMember>();
            ScopeMember Member(BindingAssessment b, string? plan) => new()
            {
                Key = b.Key, Origin = ScopeOrigin.Added, PlanId = plan, FromRunId = assessment.RunId, AddedAt = now, AddedBy = by,
            };
            members.AddRange(specs.Select(s => Member(BindingLocator.Find(assessment, s), null)));
            if (allReady)
                members.AddRange(assessment.Bindings.Where(b => b.Category is BindingCategory.Ready or BindingCategory.Coordinate).Select(b => Member(b, null)));
            if (planId is not null)
            {
                var plan = await planning.LoadAsync(planId, ct);
                members.AddRange(plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).SelectMany(p => p.Bindings).Select(b => new ScopeMember
                {
                    Key = b.Key, Origin = ScopeOrigin.Added, PlanId = plan.Id, FromRunId = assessment.RunId, AddedAt = now, AddedBy = by,
                }));
            }
            var distinct = members.DistinctBy(m => m.Key).ToList();
            var added = await StateFile.Use(() => store.AddAsync(distinct, ct));
            await console.Out.WriteLineAsync($"added {added.Count} identit{(added.Count == 1 ? "y" : "ies")} to the migration scope (by {by}, counted from run {assessment.RunId}); {distinct.Count - added.Count} already in it.");
            foreach (var m in added)
                await console.Out.WriteLineAsync($"  + {m.Key}");
            return ExitCodes.Ok;
        }
    }
}
