namespace Migrator.Core.Assessment;

public enum ReasonSeverity
{
    Info,
    Warning,
    Blocker,
}
