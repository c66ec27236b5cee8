using Migrator.Core.Assessment;

namespace Migrator.Reports;

/// <summary>Label, meaning and colour of each binding category, in the order the report lists them.</summary>
internal static class CategoryCatalog
{
    public static readonly IReadOnlyList<(BindingCategory Category, string Label, string Meaning, string Color)> All =
    [
        (BindingCategory.Migrated, "Migrated", "already on Pod Identity", "#1a7f37"),
        (BindingCategory.Ready, "Ready", "can move on its own", "#2f81f7"),
        (BindingCategory.Coordinate, "Coordinate", "can move together with the bindings sharing its role", "#8250df"),
        (BindingCategory.KeepIrsa, "Keep IRSA", "stays on IRSA by design", "#9a6700"),
        (BindingCategory.Broken, "Broken", "IRSA fails today: fix or retire first", "#cf222e"),
        (BindingCategory.Unused, "Unused", "no workload uses it: delete instead", "#6e7781"),
        (BindingCategory.Unassessed, "Unassessed", "its role could not be read: re-run the inventory", "#bc4c00"),
    ];

    public static string Label(BindingCategory c) => All.First(a => a.Category == c).Label;
}
