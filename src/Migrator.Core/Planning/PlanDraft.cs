using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>
/// A plan as decided (its phases' bindings, exclusions, prerequisites, roles and trust scopes), whose phases' steps are
/// built when <see cref="Phases"/> is walked, one phase at a time and the same every time. A 20,000-binding estate
/// plans about 100,000 steps: the planning stage stores them phase by phase instead of holding them all
/// (<see cref="Ports.IPlanStore.SaveAsync(PlanDraft, System.Threading.CancellationToken)"/>). <see cref="Materialize"/>
/// gives the whole <see cref="MigrationPlan"/>.
/// </summary>
public sealed class PlanDraft
{
    private readonly Func<IEnumerable<Phase>> _phases;

    public PlanDraft(MigrationPlan header, int phaseCount, IReadOnlyList<PlannedBinding> migrating, Func<IEnumerable<Phase>> phases)
    {
        Header = header with { Phases = [] };
        PhaseCount = phaseCount;
        Migrating = migrating;
        _phases = phases;
    }

    /// <summary>Everything but the phases: id, run, settings, exclusions, prerequisites, planned roles.</summary>
    public MigrationPlan Header { get; }

    public string Id => Header.Id;

    public int PhaseCount { get; }

    /// <summary>The canary's and the waves' bindings, in phase order.</summary>
    public IReadOnlyList<PlannedBinding> Migrating { get; }

    /// <summary>The phases in order, each built (steps included) as it is reached.</summary>
    public IEnumerable<Phase> Phases()
    {
        var count = 0;
        int? last = null;
        foreach (var phase in _phases())
        {
            if (phase.Number <= last)
                throw new InvalidOperationException($"plan {Id}: phase {phase.Number} came after phase {last}; phases are built in order");
            (last, count) = (phase.Number, count + 1);
            yield return phase;
        }
        if (count != PhaseCount)
            throw new InvalidOperationException($"plan {Id}: {count} phases were built where {PhaseCount} were announced");
    }

    public MigrationPlan Materialize() => Header with { Phases = Phases().ToList() };

    /// <summary>A draft of a plan already whole (its phases are walked as they are).</summary>
    public static PlanDraft Of(MigrationPlan plan) => new(plan, plan.Phases.Count,
        plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).SelectMany(p => p.Bindings).ToList(),
        () => plan.Phases);
}
