using Migrator.Core.Planning;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution;

/// <summary>
/// A guarded write of one role's trust policy: drift guard against the plan and the journal, a Started entry with
/// the document as read and the intended document, a re-read right before the write, then the outcome.
/// Callers hold the role's write lock.
/// </summary>
internal static class TrustWrites
{
    public static async Task<StepResult> ApplyAsync(ExecutionScope s, PlanStep step, int phase, Func<string, TrustEdit> edit, CancellationToken ct)
    {
        var arn = step.RoleArn!;
        var role = s.Plan.FindRole(arn);
        if (role is null)
            return StepResult.Fail($"role {arn} is not in the plan");
        var live = await ReadAsync(s, role, ct);
        if (live is null)
            return StepResult.Fail($"role {arn} no longer exists");

        var pending = s.View.LatestForward(step.Id) is { IsPending: true } p ? p : null;
        if (pending is not null)
        {
            if (PolicyDocument.Same(live, pending.IntendedAfter))
            {
                await s.CompleteAsync(pending, JournalStatus.Succeeded, pending.IntendedAfter, "reconciled after an interruption: the write had been applied", ct, afterMutation: false);
                return StepResult.Success("trust policy already written (reconciled)");
            }
            if (!PolicyDocument.Same(live, pending.Before))
            {
                await s.CompleteAsync(pending, JournalStatus.Drift, null, "reconciled after an interruption: the trust policy is neither the before nor the intended document", ct, afterMutation: false);
                return StepResult.Drift($"trust policy of {arn} changed by someone else during an interrupted write");
            }
            await s.CompleteAsync(pending, JournalStatus.Abandoned, null, "reconciled after an interruption: the write had not been applied; retrying", ct, afterMutation: false);
        }

        var expected = s.View.LastWrittenTrust(arn) ?? role.TrustPolicyAtPlanning;
        if (expected is null)
            return StepResult.Fail($"the trust policy of {arn} was not inventoried; re-run the inventory and the plan");
        if (!PolicyDocument.Same(live, expected))
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, step.Binding, arn) with
            {
                Status = JournalStatus.Drift,
                Before = live,
                IntendedAfter = expected,
                Message = "trust policy changed since planning and not by this tool; nothing written",
            }, ct);
            return StepResult.Drift($"trust policy of {arn} changed since planning and not by this tool: re-run the inventory and the plan");
        }

        var change = edit(live);
        if (!change.Success)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, step.Binding, arn) with { Status = JournalStatus.Failed, Before = live, Message = change.Error ?? "trust rewrite failed" }, ct);
            return StepResult.Fail($"trust rewrite of {arn} failed: {change.Error}");
        }
        if (!change.Changed)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, step.Binding, arn) with { Status = JournalStatus.AlreadyDone, Before = live, Result = live, Message = "trust policy already as intended" }, ct);
            return StepResult.Success("trust policy already as intended", change.Warnings.ToArray());
        }
        return await WriteAsync(s, role, s.NewEntry(phase, step.Id, step.Kind, step.Binding, arn), live, change.Document, ct, change.Warnings);
    }

    /// <summary>
    /// Runs a forward trust step under its role's write lock, unless the step came into effect while waiting for it
    /// (another binding of the role ran it).
    /// </summary>
    public static async Task<StepResult> UnderRoleLockAsync(ExecutionScope s, PlanStep step, Func<Task<StepResult>> body, CancellationToken ct)
    {
        var gate = s.RoleLock(step.RoleArn!);
        await gate.WaitAsync(ct);
        try
        {
            return s.View.InEffect(step.Id) ? StepResult.Success("already done") : await body();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Runs the undo of a trust write under the role's write lock, with the role's live document read; nothing is read
    /// when <paramref name="restored"/> says the undo already happened.
    /// </summary>
    public static async Task<StepResult> RestoreAsync(ExecutionScope s, string roleArn, Func<bool> restored, Func<PlannedRole, string, Task<StepResult>> restore, CancellationToken ct)
    {
        var role = s.Plan.FindRole(roleArn)!;
        var gate = s.RoleLock(role.Arn);
        await gate.WaitAsync(ct);
        try
        {
            if (restored())
                return StepResult.Success("already restored");
            var live = await ReadAsync(s, role, ct);
            return live is null ? StepResult.Fail($"role {role.Arn} no longer exists") : await restore(role, live);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Journals and writes <paramref name="target"/> over <paramref name="live"/>, re-reading right before the write.</summary>
    public static async Task<StepResult> WriteAsync(ExecutionScope s, PlannedRole role, JournalEntry entry, string live, string target, CancellationToken ct, IReadOnlyList<string>? warnings = null)
    {
        var started = await s.BeginAsync(entry with { Before = live, IntendedAfter = target }, ct);
        string? reread;
        try
        {
            reread = await ReadAsync(s, role, ct);
        }
        catch (Exception e) when (e is not ExecutionInterruptedException)
        {
            await s.CompleteAsync(started, JournalStatus.Failed, null, $"re-reading the trust policy before the write failed ({e.Message}); nothing written", CancellationToken.None, afterMutation: false);
            throw;
        }
        if (!PolicyDocument.Same(reread, live))
        {
            await s.CompleteAsync(started, JournalStatus.Drift, null, "trust policy changed between read and write; nothing written", ct, afterMutation: false);
            return StepResult.Drift($"trust policy of {role.Arn} changed while we were about to write it");
        }
        await s.MutateAsync(started, c => s.Iam(t => s.Ports.Iam.UpdateAssumeRolePolicyAsync(role.AccountId, role.Name, target, t), c), ct);
        await s.CompleteAsync(started, JournalStatus.Succeeded, target, "trust policy written", ct);
        return StepResult.Success($"trust policy of {role.Arn} written", (warnings ?? []).ToArray());
    }

    public static async Task<string?> ReadAsync(ExecutionScope s, PlannedRole role, CancellationToken ct) =>
        (await s.Iam(t => s.Ports.Iam.GetRoleAsync(role.AccountId, role.Name, t), ct))?.TrustPolicy;
}
