namespace Migrator.Core.Trust;

public enum PolicyEffect
{
    Allow,
    Deny,
}
