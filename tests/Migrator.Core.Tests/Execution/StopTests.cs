using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Core.Tests.Execution;

/// <summary>
/// Issue 14: stopping (SIGTERM, Ctrl-C) at any point of a migration lets the step in flight finish and journal its
/// outcome, begins no new step, and a later run resumes to the state of an uninterrupted one without repeating a call.
/// </summary>
public class StopTests
{
    private static readonly string[] MutatingCalls =
        ["UpdateAssumeRolePolicy", "CreatePodIdentityAssociation", "DeletePodIdentityAssociation", "CreateAddon", "UpdateAddon", "RestartWorkload", "PatchServiceAccount"];

    [Fact]
    public async Task A_stop_at_any_boundary_finishes_the_step_in_flight_begins_nothing_new_and_resume_reaches_the_same_state()
    {
        var reference = new Harness(TestEstate.Standard());
        var counter = new StopAt(int.MaxValue);
        await reference.RunAllAsync(counter);
        Assert.True(counter.Seen > 50, $"only {counter.Seen} boundaries");

        for (var k = 1; k <= counter.Seen; k++)
        {
            var h = new Harness(TestEstate.Standard());
            var stop = new StopAt(k);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAllUntilStoppedAsync(h, stop));

            Assert.DoesNotContain(h.Journal.Entries, e => e.Status == JournalStatus.Started);
            Assert.True(stop.BegunAfterStop.Count == 0, $"stopped at {stop.StoppedAt} (boundary {k}), yet began {string.Join(", ", stop.BegunAfterStop)}");

            var results = await h.RunAllAsync();

            Assert.All(results, r => Assert.Equal(PhaseRunStatus.Completed, r.Status));
            Assert.True(reference.World.State() == h.World.State(), $"state differs after a stop at {stop.StoppedAt} (boundary {k})");
            Assert.Equal(MutatingCalls.ToDictionary(c => c, reference.World.Count), MutatingCalls.ToDictionary(c => c, h.World.Count));
        }
    }

    [Fact]
    public async Task A_stop_during_verification_ends_the_wait_without_journalling_a_verdict()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(0);
        var verifying = new StopWhen(m => m.StartsWith("verifying ", StringComparison.Ordinal));
        // Pods never reach Pod Identity: without the stop the wait would last every attempt.
        h.World.RestartsTakeEffect = false;
        var settings = Harness.Settings with { VerifyAttempts = 1000, VerifyInterval = TimeSpan.FromSeconds(10) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            h.Executor(verifying, settings).RunPhaseAsync(h.Plan, 1, h.Approvals, "test-holder", verifying.Token));

        Assert.Contains(verifying.Messages, m => System.Text.RegularExpressions.Regex.IsMatch(m, @"^verifying [\w-]+/[\w-]+ on [\w-]+: 0 of [1-9]\d* pod\(s\) on Pod Identity; .*, attempt 1/1000$"));
        Assert.DoesNotContain(h.Journal.Entries, e => e.StepKind == StepKind.VerifyPodIdentity);
        Assert.DoesNotContain(h.Journal.Entries, e => e.Status == JournalStatus.Started);
    }

    private static async Task RunAllUntilStoppedAsync(Harness h, StopAt stop)
    {
        foreach (var phase in h.Plan.Phases)
        {
            if (phase.Kind == PhaseKind.Cleanup)
                h.Time.Advance(phase.Soak + TimeSpan.FromMinutes(1));
            await h.Executor(stop).RunPhaseAsync(h.Plan, phase.Number, h.Approvals, "test-holder", stop.Token);
        }
    }

    /// <summary>Requests the stop at the Nth step boundary, then records every step that begins afterwards.</summary>
    private sealed class StopAt(int n) : IExecutionObserver
    {
        private readonly CancellationTokenSource _stop = new();
        private string? _inFlight;

        public CancellationToken Token => _stop.Token;
        public int Seen { get; private set; }
        public string? StoppedAt { get; private set; }
        public List<string> BegunAfterStop { get; } = [];

        public ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct)
        {
            // Like any real I/O (console, SQLite, HTTP), the observer honours the token it is given.
            ct.ThrowIfCancellationRequested();
            if (_stop.IsCancellationRequested)
            {
                if (boundary == StepBoundary.BeforeJournal || (boundary == StepBoundary.BeforeMutation && stepId != _inFlight))
                    BegunAfterStop.Add($"{boundary} {stepId}");
            }
            else if (++Seen == n)
            {
                StoppedAt = $"{boundary} {stepId}";
                _inFlight = stepId;
                _stop.Cancel();
            }
            return ValueTask.CompletedTask;
        }

        public void OnMessage(string message) { }
    }

    private sealed class StopWhen(Func<string, bool> when) : IExecutionObserver
    {
        private readonly CancellationTokenSource _stop = new();

        public CancellationToken Token => _stop.Token;
        public List<string> Messages { get; } = [];

        public ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct) => ValueTask.CompletedTask;

        public void OnMessage(string message)
        {
            lock (Messages) Messages.Add(message);
            if (when(message))
                _stop.Cancel();
        }
    }
}

/// <summary>A plan lock lost mid-phase (its PostgreSQL session ended): the phase stops before the next step begins.</summary>
public sealed class LostPlanLockTests
{
    private static readonly string[] MutatingCalls =
        ["UpdateAssumeRolePolicy", "CreatePodIdentityAssociation", "DeletePodIdentityAssociation", "CreateAddon", "UpdateAddon", "RestartWorkload", "PatchServiceAccount"];

    [Fact]
    public async Task A_lost_lock_stops_the_phase_with_no_mutation_unjournalled_and_a_resume_reaches_the_uninterrupted_state()
    {
        var reference = new Harness(TestEstate.Standard());
        await reference.RunAllAsync();

        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(0);
        h.Journal.LoseLockAfterStartedSteps = h.Journal.StartedSteps + 2;
        var mutationsBefore = MutatingCalls.Sum(h.World.Count);

        var e = await Assert.ThrowsAsync<PlanLockLostException>(() => h.RunAsync(1));

        Assert.Contains("was lost", e.Message, StringComparison.Ordinal);
        // Two steps began (and were journalled) before the loss; nothing was changed without its entry.
        var phaseEntries = h.Journal.Entries.Where(x => x.Phase == 1).ToList();
        Assert.True(MutatingCalls.Sum(h.World.Count) - mutationsBefore <= phaseEntries.Count(x => x.StepKind.Step is not (StepKind.VerifyPodIdentity or StepKind.ManualRestart)),
            "a mutation happened without a journal entry after the lock was lost");
        Assert.DoesNotContain(h.Journal.Entries, x => x.Status == JournalStatus.Started);

        // The lock is taken again by the next run, which resumes from the journal.
        h.Journal.LoseLockAfterStartedSteps = null;
        foreach (var phase in h.Plan.Phases.Where(p => p.Number >= 1))
        {
            if (phase.Kind == PhaseKind.Cleanup)
                h.Time.Advance(phase.Soak + TimeSpan.FromMinutes(1));
            Assert.Equal(PhaseRunStatus.Completed, (await h.RunAsync(phase.Number)).Status);
        }
        Assert.True(reference.World.State() == h.World.State(), "the resumed estate differs from an uninterrupted migration");
    }
}
