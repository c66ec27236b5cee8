namespace Migrator.Sandbox.Conditions;

/// <summary>
/// A situation the generator plants on purpose (<see cref="SeededCondition"/>). Planted once per round; a round
/// starts on the next standard cluster, so the conditions spread over the estate.
/// </summary>
internal abstract class PlantedCondition
{
    public abstract SeededCondition Condition { get; }

    public abstract void Plant(EstateDraft draft, int round);

    /// <summary>The standard cluster this round starts on (any cluster when none is standard).</summary>
    protected static Cluster Home(EstateDraft draft, int round)
    {
        var standard = draft.StandardClusters();
        return standard[round % standard.Count];
    }
}
