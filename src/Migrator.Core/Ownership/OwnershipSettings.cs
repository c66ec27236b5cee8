namespace Migrator.Core.Ownership;

/// <summary>
/// Section "Owners": how owners are detected and which execution mode each gets. Detection defaults follow the
/// owners' own metadata (docs/assessment.md "Owners"); Terraform leaves no mark of its own, so none is assumed until
/// <see cref="TerraformTags"/> names the tags an estate's Terraform sets (e.g. managed-by = terraform).
/// </summary>
public sealed record OwnershipSettings
{
    public const string Section = "Owners";

    /// <summary>Role tags that mean Terraform: key → value ('*' = any value). Empty by default.</summary>
    public Dictionary<string, string> TerraformTags { get; init; } = [];

    /// <summary>
    /// The app.kubernetes.io/instance label means an Argo CD application (Argo CD's label tracking method). Off by
    /// default: Helm and kustomize set the same label.
    /// </summary>
    public bool ArgoCdInstanceLabel { get; init; }

    /// <summary>When set, replaces the default detection rules (<see cref="OwnerRules.Defaults"/>); Terraform tags still apply.</summary>
    public List<OwnerRule> Rules { get; init; } = [];
}
