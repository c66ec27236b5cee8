using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

public class PlanProgressProjectionTests
{
    private static readonly ClusterRef Cluster = new("111111111111", "us-east-1", "prod");

    private static PlanStep Step(string id, StepKind kind) => kind == StepKind.EnsurePodIdentityAgent
        ? new EnsurePodIdentityAgentStep { Id = id, Cluster = Cluster }
        : new CreateAssociationStep { Id = id, Cluster = Cluster };

    private static JournalEntry Entry(long id, int phase, string step, JournalStatus status, JournalDirection direction = JournalDirection.Forward, long? undoes = null) => new()
    {
        Id = id, PlanId = "plan-1", Phase = phase, StepId = step, StepKind = StepKind.CreateAssociation, Status = status, Direction = direction,
        UndoesEntryId = undoes, StartedAt = ReportScenario.At.AddMinutes(id), CompletedAt = ReportScenario.At.AddMinutes(id).AddSeconds(5),
    };

    private static MigrationPlan Plan(params Phase[] phases) =>
        new() { Id = "plan-1", RunId = 7, CreatedAt = ReportScenario.At, Settings = new PlanningSettings(), Phases = phases };

    /// <summary>A phase whose steps are CreateAssociation steps (EnsurePodIdentityAgent in the prerequisites).</summary>
    private static Phase Phase(int number, PhaseKind kind, params string[] stepIds) => new()
    {
        Number = number, Kind = kind, Title = $"P{number} {kind.ToString().ToLowerInvariant()}",
        Steps = [.. stepIds.Select(id => Step(id, kind == PhaseKind.Prerequisites ? StepKind.EnsurePodIdentityAgent : StepKind.CreateAssociation))],
    };

    [Fact]
    public void Steps_count_by_their_latest_forward_entry_and_rollbacks_undo_them()
    {
        var plan = Plan(Phase(0, PhaseKind.Prerequisites, "p0/a"), Phase(1, PhaseKind.Canary, "p1/x", "p1/y", "p1/z"), Phase(2, PhaseKind.Wave, "p2/x"));
        JournalEntry[] journal =
        [
            Entry(1, 0, "p0/a", JournalStatus.AlreadyDone),
            Entry(2, 1, "p1/x", JournalStatus.Failed),
            Entry(3, 1, "p1/x", JournalStatus.Succeeded),
            Entry(4, 1, "p1/y", JournalStatus.Conflict),
            Entry(5, 1, "p1/z", JournalStatus.Succeeded),
            Entry(6, 1, "rollback/p1/z", JournalStatus.Succeeded, JournalDirection.Rollback, undoes: 5),
        ];

        var view = PlanProgressProjection.From(plan, journal);

        Assert.Equal("Failed", view.Status);
        Assert.Equal(("Completed", 1, 1), (view.Phases[0].Status, view.Phases[0].TotalSteps, view.Phases[0].SucceededSteps));
        var canary = view.Phases[1];
        Assert.Equal(("Failed", 3, 1, 1, 1), (canary.Status, canary.TotalSteps, canary.SucceededSteps, canary.FailedSteps, canary.RolledBackSteps));
        Assert.Equal("Pending", view.Phases[2].Status);
        Assert.Equal(6, view.Journal.Count);
        Assert.Equal("CreateAssociation (rollback)", view.Journal[^1].Action);
        Assert.Equal("P1 canary", view.Journal[^1].Phase);
    }

    [Fact]
    public void Phases_read_without_step_ids_count_the_same_from_the_journal_as_the_whole_outline()
    {
        var plan = Plan(Phase(0, PhaseKind.Prerequisites, "p0/a"), Phase(1, PhaseKind.Canary, "p1/x", "p1/y"), Phase(2, PhaseKind.Cleanup, "p2/x", "p2/y"), Phase(3, PhaseKind.Wave, "p3/x"));
        JournalEntry[] journal =
        [
            Entry(1, 0, "p0/a", JournalStatus.Succeeded),
            Entry(2, 1, "p1/x", JournalStatus.Succeeded),
            Entry(3, 1, "p1/y", JournalStatus.Started),
            Entry(4, 1, "p1/y", JournalStatus.Succeeded),
            // The cleanup's evidence gate journals under ids that are no step of the plan: neither way counts them.
            Entry(5, 2, "p2/evidence/111111111111/us-east-1/prod/ns/sa", JournalStatus.Held),
            Entry(6, 2, "p2/x", JournalStatus.Drift),
            Entry(7, 2, "p2/y", JournalStatus.Succeeded),
            Entry(8, 2, "rollback/p2/y", JournalStatus.Succeeded, JournalDirection.Rollback, undoes: 7),
        ];
        var outline = PlanOutline.Of(plan);
        var counted = outline with { Phases = [.. outline.Phases.Select(p => new PhaseOutline(p.Number, p.Kind, p.Title, []) { StepCount = p.StepIds.Count })] };

        var byIds = PlanProgressProjection.From(outline, journal);
        var byCounts = PlanProgressProjection.From(counted, journal);

        Assert.Equal(byIds.Phases, byCounts.Phases);
        Assert.Equal(byIds.Status, byCounts.Status);
        Assert.Equal(["Completed", "Completed", "Failed", "Pending"], byCounts.Phases.Select(p => p.Status));
        Assert.Equal((2, 0, 1, 1), (byCounts.Phases[2].TotalSteps, byCounts.Phases[2].SucceededSteps, byCounts.Phases[2].FailedSteps, byCounts.Phases[2].RolledBackSteps));
    }
}
