using System.Text.Json;
using System.Text.Json.Nodes;
using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Verbs.Plan;

/// <summary>
/// A plan's approvals, status and progress as JSON, for pipelines to gate on: added to the plan itself by `plan show
/// --output json` (root, each phase, each step's "state") and listed per plan by `plan list --output json`.
/// </summary>
internal static class PlanStateJson
{
    /// <summary>The plan's JSON with "status", "approvals" and "progress" at the root, per phase, and "state" per step.</summary>
    public static JsonObject Plan(MigrationPlan plan, PlanState state)
    {
        var json = JsonSerializer.SerializeToNode(plan, PlanJson.Options)!.AsObject();
        json["status"] = state.Status.ToString();
        json["approvals"] = new JsonArray([.. state.Phases.Where(p => p.Approval is not null).Select(p => Approval(p.Approval))]);
        json["progress"] = Progress(state);
        var phases = json["phases"]!.AsArray();
        for (var i = 0; i < phases.Count; i++)
        {
            var phase = phases[i]!.AsObject();
            var phaseState = state.Phases[i];
            AddPhase(phase, phaseState);
            var steps = phase["steps"]?.AsArray() ?? [];
            for (var j = 0; j < steps.Count; j++)
                steps[j]!.AsObject()["state"] = Step(phaseState.Steps[j]);
        }
        return json;
    }

    /// <summary>One plan in `plan list --output json`: id, run, created, status, approvals and progress, phase by phase.</summary>
    public static JsonObject Summary(PlanState state) => new()
    {
        ["planId"] = state.PlanId,
        ["runId"] = state.RunId,
        ["createdAt"] = state.CreatedAt,
        ["status"] = state.Status.ToString(),
        ["approvals"] = new JsonArray([.. state.Phases.Where(p => p.Approval is not null).Select(p => Approval(p.Approval))]),
        ["progress"] = Progress(state),
        ["phases"] = new JsonArray([.. state.Phases.Select(p =>
        {
            var phase = new JsonObject { ["number"] = p.Number, ["kind"] = p.Kind.ToString(), ["title"] = p.Title };
            AddPhase(phase, p);
            return (JsonNode)phase;
        })]),
    };

    private static void AddPhase(JsonObject phase, PhaseState state)
    {
        phase["status"] = state.Status.ToString();
        phase["statusText"] = state.StatusText;
        phase["approval"] = Approval(state.Approval);
        phase["progress"] = new JsonObject
        {
            ["stepsDone"] = state.StepsDone,
            ["stepsTotal"] = state.StepsTotal,
            ["stepsFailed"] = state.StepsFailed,
            ["stepsRolledBack"] = state.StepsRolledBack,
            ["awaitingNextRun"] = state.AwaitingNextRun,
            ["awaitingOwners"] = state.AwaitingOwners,
        };
    }

    private static JsonObject Progress(PlanState state) => new()
    {
        ["phasesApproved"] = state.PhasesApproved,
        ["phasesComplete"] = state.PhasesComplete,
        ["phases"] = state.Phases.Count,
        ["stepsDone"] = state.StepsDone,
        ["stepsTotal"] = state.StepsTotal,
        ["stepsFailed"] = state.StepsFailed,
    };

    private static JsonObject? Approval(PhaseApproval? approval) => approval is null ? null : new JsonObject
    {
        ["phase"] = approval.Phase,
        ["approvedBy"] = approval.ApprovedBy,
        ["approvedAt"] = approval.ApprovedAt,
        ["forcedDirect"] = new JsonArray([.. approval.ForcedDirect.Select(f => (JsonNode)f)]),
    };

    private static JsonObject Step(StepState step) => new()
    {
        ["status"] = step.Status,
        ["inEffect"] = step.InEffect,
        ["at"] = step.At,
        ["message"] = step.Message,
    };
}
