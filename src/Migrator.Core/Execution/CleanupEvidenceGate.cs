using Migrator.Core.Evidence;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>
/// The evidence gate of a cleanup run: for the bindings the soak let through, reads CloudTrail once per account,
/// region and kind for the whole phase (one sweep for all roles, never a call per role; the adapter paces it), judges
/// each binding with <see cref="CutoverEvidence"/>, and journals the verdict before any cleanup step runs: Held (the
/// binding waits, like the soak, with the newest offending event in the message) or EvidenceCleared. An operator's
/// recorded override clears a binding whatever the evidence says.
/// </summary>
internal static class CleanupEvidenceGate
{
    /// <summary>IRSA clients on the global STS endpoint are recorded in us-east-1 (aws partition).</summary>
    private const string GlobalStsRegion = "us-east-1";

    public static async Task HoldAsync(ExecutionScope s, Phase phase, Dictionary<BindingKey, string?> eligible, IReadOnlyList<EvidenceOverride> overrides, CancellationToken ct)
    {
        if (s.Ports.Evidence is not { } events || !s.Settings.Evidence.Enabled)
            return;
        var candidates = eligible.Where(kv => kv.Value is null).Select(kv => Candidate(s, phase, kv.Key)).OfType<Cutover>().OrderBy(c => c.Key, BindingKeyTextOrder.Instance).ToList();
        if (candidates.Count == 0)
            return;

        var now = s.Now;
        var from = candidates.Min(c => c.RestartedAt).AddSeconds(-1);
        var (uses, failures) = await SweepAsync(events, candidates, from, now, ct);
        foreach (var c in candidates)
        {
            ct.ThrowIfCancellationRequested();
            var entry = s.NewEntry(phase.Number, $"p{phase.Number}/evidence/{c.Key}", c.FirstStep.Kind, c.Key, c.RoleArn);
            if (overrides.FirstOrDefault(o => o.PlanId == s.Plan.Id && o.Phase == phase.Number && o.Binding == c.Key) is { } granted)
            {
                await s.RecordAsync(entry with { Status = JournalStatus.EvidenceCleared, Message = $"evidence overridden by {granted.By} at {granted.At:u}: {granted.Reason}" }, ct);
                continue;
            }
            var failure = failures.FirstOrDefault(f => ScopesOf(c).Contains(f.Scope));
            var verdict = failure is not null
                ? CutoverVerdict.Held($"held: CloudTrail could not be read in {failure.Scope.AccountId}/{failure.Scope.Region} ({failure.Error}); grant cloudtrail:LookupEvents or override with a recorded reason")
                : CutoverEvidence.Judge(c.Key, c.RoleArn, c.Issuer, c.RestartedAt, c.MovedAt, now, s.Settings.Evidence.DeliveryDelay, uses, c.IrsaQuietSince);
            await s.RecordAsync(entry with { Status = verdict.Proceed ? JournalStatus.EvidenceCleared : JournalStatus.Held, Message = verdict.Message }, ct);
            if (!verdict.Proceed)
                eligible[c.Key] = $"not cleaned up: {verdict.Message}";
        }
    }

    private sealed record Cutover(BindingKey Key, PlanStep FirstStep, string RoleArn, string? Issuer, DateTimeOffset RestartedAt, DateTimeOffset? IrsaQuietSince, DateTimeOffset MovedAt);

    private sealed record SweepFailure(AwsScope Scope, string Error);

    /// <summary>When the restart that moved the binding began and when its verification found every pod moved.</summary>
    private static Cutover? Candidate(ExecutionScope s, Phase phase, BindingKey key)
    {
        var steps = phase.Steps.Where(st => st.Binding == key).ToList();
        var source = s.Plan.MigrationPhaseOf(key);
        var verify = source is null ? null : s.View.LatestForward($"p{source.Number}/verify/{key}");
        // A binding whose cleanup is already done has nothing left to gate.
        if (steps.Count == 0 || steps[0].RoleArn is not { } role || verify is null || steps.All(st => s.View.InEffect(st.Id)))
            return null;
        var entries = s.View.Snapshot().Where(e => e.Direction == JournalDirection.Forward && e.Phase == source!.Number && e.Binding == key).ToList();
        var restarts = entries.Where(e => e.IsDone && e.StepKind.Step == StepKind.RestartWorkload).ToList();
        var restartedAt = restarts.Count > 0 ? restarts.Min(e => e.StartedAt) : verify.StartedAt;
        // A workload recreated by hand (its step is journalled Manual: the tool restarts nothing) moved when the operator
        // recreated it, at a time the journal does not know: after the wave began for it (its first entry there: any Pod
        // Identity use since then proves the association serves it), and before the verification that found every pod on
        // Pod Identity. Its old pods (a CronJob's runs until the operator acted) rightly used IRSA until then; no IRSA use
        // may follow that verification.
        DateTimeOffset? irsaQuietSince = null;
        if (entries.Any(e => e.StepKind.Step == StepKind.ManualRestart))
        {
            irsaQuietSince = verify.StartedAt;
            restartedAt = entries.Min(e => e.StartedAt);
        }
        var issuer = steps.OfType<RemoveIrsaTrustSubjectStep>().FirstOrDefault()?.Issuer;
        return new Cutover(key, steps[0], role, issuer, restartedAt, irsaQuietSince, verify.CompletedAt ?? verify.StartedAt);
    }

    private static async Task<(CredentialUses Uses, List<SweepFailure> Failures)> SweepAsync(ICredentialUseEvents events, IReadOnlyList<Cutover> candidates,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var sweeps = candidates.Select(c => (ExecutionScope.ScopeOf(c.Key.Cluster), CredentialUseKind.PodIdentity))
            .Concat(candidates.SelectMany(c => WebIdentityScopes(c).Select(scope => (scope, CredentialUseKind.WebIdentity))))
            .Distinct().ToList();
        var uses = new List<CredentialUse>();
        var failures = new List<SweepFailure>();
        foreach (var (scope, kind) in sweeps)
        {
            try
            {
                uses.AddRange(await events.LookupAsync(scope, kind, from, to, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new SweepFailure(scope, e.Message));
            }
        }
        return (new CredentialUses(uses), failures);
    }

    /// <summary>
    /// Where a binding's IRSA calls are recorded: the role's account (and the cluster's), in the cluster's region (regional
    /// STS endpoints) and in us-east-1 (the global endpoint, aws partition).
    /// </summary>
    private static IEnumerable<AwsScope> WebIdentityScopes(Cutover c)
    {
        var region = c.Key.Cluster.Region;
        var accounts = new[] { c.Key.Cluster.AccountId, RoleArns.AccountOf(c.RoleArn) }.Where(a => a.Length == 12).Distinct();
        foreach (var account in accounts)
        {
            yield return new AwsScope(account, region);
            if (AwsPartitionOf(region) == "aws")
                yield return new AwsScope(account, GlobalStsRegion);
        }
    }

    private static HashSet<AwsScope> ScopesOf(Cutover c) => [ExecutionScope.ScopeOf(c.Key.Cluster), .. WebIdentityScopes(c)];

    private static string AwsPartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
}
