namespace Migrator.Reports.Rendering;

/// <summary>
/// Scriban limits, set deliberately. Scriban 7.5.3 defaults: LoopLimit 1,000 cumulative iterations per nested loop
/// tree, and LimitToString 1,048,576 characters, which also caps the whole output when OutputLimit is unset and
/// TRUNCATES silently. A 20,000-binding report with every row listed needs ~20 iterations per binding and several
/// MiB of output, so the defaults below leave room for that, and any limit reached THROWS instead of truncating.
/// </summary>
public sealed record RenderLimits
{
    /// <summary>Cumulative loop iterations: 20,000 bindings × ~25 nested iterations × 4 headroom.</summary>
    public int LoopLimit { get; init; } = 2_000_000;
    /// <summary>Whole rendered output, UTF-16 characters (~20,000 rows × ~2 KiB × headroom).</summary>
    public int OutputLimit { get; init; } = 256 * 1024 * 1024;
    /// <summary>Any single value converted to text (one trust policy, one joined list).</summary>
    public int StringLimit { get; init; } = 16 * 1024 * 1024;

    public static RenderLimits Default { get; } = new();
}
