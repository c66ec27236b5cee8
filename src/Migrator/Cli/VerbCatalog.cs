using Migrator.Verbs.Assessment;
using Migrator.Verbs.Inventory;
using Migrator.Verbs.Plan;
using Migrator.Verbs.Report;
using Migrator.Verbs.Run;
using Migrator.Verbs.Sandbox;
using Migrator.Verbs.Scope;
using Migrator.Verbs.Trust;
using Migrator.Verbs.Worker;

namespace Migrator.Cli;

/// <summary>Every verb of the command line, listed once: adding a verb is adding its file and one line here.</summary>
public static class VerbCatalog
{
    public static IReadOnlyList<IVerb> All { get; } =
    [
        new RunVerb(),
        new InventoryVerb(),
        new RunsListVerb(),
        new RunsShowVerb(),
        new RunsDiffVerb(),
        new AssessVerb(),
        new ExplainVerb(),
        new PlanCreateVerb(),
        new PlanShowVerb(),
        new PlanListVerb(),
        new PlanApproveVerb(),
        new PlanExportVerb(),
        new PhaseRunVerb(),
        new PhaseRollbackVerb(),
        new BindingRollbackVerb(),
        new ScopeShowVerb(),
        new ScopeAddVerb(),
        new ScopeRemoveVerb(),
        new ReportVerb(),
        new TrustExplainVerb(),
        new TrustAddPodIdentityVerb(),
        new TrustRemovePodIdentityVerb(),
        new TrustRemoveSubjectVerb(),
        new SandboxGenerateVerb(),
        new SandboxServeVerb(),
        new SandboxResetVerb(),
        new SandboxApplyChangeSetVerb(),
        new WorkerVerb(),
    ];

    /// <summary>What each group of verbs ("plan approve", "plan show"...) is for, in `migrator --help`.</summary>
    public static IReadOnlyDictionary<string, string> Groups { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["runs"] = "stored inventory runs: list, show, diff (drift)",
        ["plan"] = "migration plans: create, list, show, approve, export",
        ["phase"] = "execute or roll back an approved phase",
        ["binding"] = "roll back one binding",
        ["scope"] = "the migration scope: show, add, remove",
        ["trust"] = "read and rewrite IAM role trust policies offline",
        ["sandbox"] = "the simulated estate: generate, serve, reset",
    };
}
