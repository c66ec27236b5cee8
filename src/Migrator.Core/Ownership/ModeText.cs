using Migrator.Core.Planning;

namespace Migrator.Core.Ownership;

/// <summary>How a planned binding's changes are made and why, in one line.</summary>
public static class ModeText
{
    public static string Of(PlannedBinding b)
    {
        if (b.RoleMode == ExecutionMode.Direct && b.ServiceAccountMode == ExecutionMode.Direct)
            return "direct" + Owners(b, " (owners set to direct: ", ")");
        var parts = new List<string>();
        if (b.RoleMode == ExecutionMode.ChangeSet && b.RoleOwner is { } r)
            parts.Add($"role changes by {r.Display} ({r.Evidence})");
        if (b.ServiceAccountMode == ExecutionMode.ChangeSet && b.ServiceAccountOwner is { } s)
            parts.Add($"ServiceAccount changes by {s.Display} ({s.Evidence})");
        if (b.RoleMode == ExecutionMode.Direct)
            parts.Add("role changes direct" + (b.RoleOwner is { } ro ? $" ({ro.Display} set to direct)" : " (no owner found)"));
        if (b.ServiceAccountMode == ExecutionMode.Direct)
            parts.Add("ServiceAccount changes direct" + (b.ServiceAccountOwner is { } so ? $" ({so.Display} set to direct)" : " (no owner found)"));
        return $"change-set: {string.Join("; ", parts)}";
    }

    private static string Owners(PlannedBinding b, string prefix, string suffix)
    {
        var owners = new[] { b.RoleOwner?.Display, b.ServiceAccountOwner?.Display }.Where(o => o is not null).ToList();
        return owners.Count == 0 ? "" : prefix + string.Join(", ", owners) + suffix;
    }

    public static string Name(ExecutionMode mode) => mode == ExecutionMode.ChangeSet ? "change-set" : "direct";
}
