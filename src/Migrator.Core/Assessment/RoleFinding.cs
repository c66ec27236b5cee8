namespace Migrator.Core.Assessment;

/// <summary>A finding about a role as a whole: shared by many bindings, or trusting too broadly.</summary>
public sealed record RoleFinding(string RoleArn, string Code, ReasonSeverity Severity, string Summary, string Evidence, string SuggestedAction);
