using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Core.Tests.Execution;

/// <summary>A plan over a fake world with an in-memory journal; every phase approved unless a test says otherwise.</summary>
public sealed class Harness
{
    public static readonly ExecutionSettings Settings = new()
    {
        MaxParallelBindings = 1,
        RetryBaseDelay = TimeSpan.Zero,
        VerifyInterval = TimeSpan.Zero,
        AgentWaitInterval = TimeSpan.Zero,
        VerifyAttempts = 2,
        AgentWaitAttempts = 3,
        FailureRateThreshold = 0.5,
        ConsistencyPollInterval = TimeSpan.Zero,
    };

    public Harness(TestEstate estate, PlanningSettings? planning = null)
    {
        Estate = estate;
        World = estate.World();
        // Every association call takes a second of fake time, so polling through the EKS consistency window ends.
        World.Clock = Time;
        World.CallLatency = TimeSpan.FromSeconds(1);
        Plan = Planner.Create(estate.Assessment(), estate.Snapshot(), planning ?? new PlanningSettings { CanarySize = 2, MaxWaveSize = 3, SoakPeriod = TimeSpan.FromDays(1) }, Time.GetUtcNow());
        Approvals = Plan.Phases.Select(p => new PhaseApproval(Plan.Id, p.Number, "tester", Time.GetUtcNow())).ToList();
    }

    public TestEstate Estate { get; }
    public FakeWorld World { get; }
    public InMemoryJournal Journal { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    public MigrationPlan Plan { get; }
    public List<PhaseApproval> Approvals { get; set; }

    /// <summary>The change-sets written for owners (change-set mode).</summary>
    public RecordingChangeSets ChangeSets { get; } = new();

    public PhaseExecutor Executor(IExecutionObserver? observer = null, ExecutionSettings? settings = null) =>
        new(new ExecutionPorts(World, World, World, Journal, RewriterTrustEditor.For(Plan), ChangeSets: ChangeSets), settings ?? Settings, Time, observer);

    public Task<PhaseRunResult> RunAsync(int phase, IExecutionObserver? observer = null, ExecutionSettings? settings = null) =>
        Executor(observer, settings).RunPhaseAsync(Plan, phase, Approvals, "test-holder", CancellationToken.None);

    public Task<PhaseRunResult> RollbackAsync(int phase, IExecutionObserver? observer = null) =>
        Executor(observer).RollbackPhaseAsync(Plan, phase, "test-holder", CancellationToken.None);

    /// <summary>Runs every phase in order, letting the soak pass before each cleanup.</summary>
    public async Task<List<PhaseRunResult>> RunAllAsync(IExecutionObserver? observer = null)
    {
        var results = new List<PhaseRunResult>();
        foreach (var phase in Plan.Phases)
        {
            if (phase.Kind == PhaseKind.Cleanup)
                Time.Advance(phase.Soak + TimeSpan.FromMinutes(1));
            results.Add(await RunAsync(phase.Number, observer));
        }
        return results;
    }

    public int PhaseOf(string serviceAccount, PhaseKind kind = PhaseKind.Wave) =>
        Plan.Phases.First(p => p.Kind == kind && p.Bindings.Any(b => b.Key.ServiceAccount == serviceAccount)).Number;
}

/// <summary>Throws at the Nth step boundary: the process "dies" there.</summary>
public sealed class CrashAt(int n) : IExecutionObserver
{
    public int Seen { get; private set; }
    public string? CrashedAt { get; private set; }

    public ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct)
    {
        if (++Seen == n)
        {
            CrashedAt = $"{boundary} {stepId}";
            throw new SimulatedCrashException(CrashedAt);
        }
        return ValueTask.CompletedTask;
    }

    public void OnMessage(string message) { }
}

public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException(string message) : base(message) { }
    public SimulatedCrashException() { }
    public SimulatedCrashException(string message, Exception inner) : base(message, inner) { }
}
