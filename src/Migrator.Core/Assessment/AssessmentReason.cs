namespace Migrator.Core.Assessment;

/// <summary>
/// One explained finding about a binding. Code is stable (e.g. "keep.cross-account", "broken.oidc-provider-missing")
/// so reports and tests can rely on it; Evidence says what was observed; SuggestedAction what to do.
/// </summary>
public sealed record AssessmentReason(
    string Code,
    ReasonSeverity Severity,
    string Summary,
    string Evidence,
    string SuggestedAction,
    int ScoreImpact);
