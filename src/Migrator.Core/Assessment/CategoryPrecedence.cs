namespace Migrator.Core.Assessment;

/// <summary>
/// The category follows from the most severe reason: Broken > Unassessed > Migrated > KeepIrsa > Unused > Coordinate > Ready.
/// Broken wins over everything (fix IRSA before any move); Migrated wins over keep/unused/coordinate because the
/// pods already run on Pod Identity, so a keep-IRSA concern is moot and only the soak/cleanup remains; KeepIrsa wins
/// over Unused (the role still must not move for other SAs); Unused wins over Coordinate (delete, don't coordinate).
/// Unassessed (a role that could not be read) wins over all but Broken: nothing it would decide is known.
/// Reasons without a category (info.*) leave the binding Ready.
/// </summary>
public static class CategoryPrecedence
{
    public static IReadOnlyList<BindingCategory> Order { get; } =
    [
        BindingCategory.Broken,
        BindingCategory.Unassessed,
        BindingCategory.Migrated,
        BindingCategory.KeepIrsa,
        BindingCategory.Unused,
        BindingCategory.Coordinate,
        BindingCategory.Ready,
    ];

    public static int Rank(BindingCategory category)
    {
        for (var i = 0; i < Order.Count; i++)
            if (Order[i] == category) return i;
        return Order.Count;
    }

    public static BindingCategory Resolve(IEnumerable<string> reasonCodes) =>
        reasonCodes.Select(c => ReasonCatalog.Get(c).Category)
            .OfType<BindingCategory>()
            .DefaultIfEmpty(BindingCategory.Ready)
            .MinBy(Rank);
}
