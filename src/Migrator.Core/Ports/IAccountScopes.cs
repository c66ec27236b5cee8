namespace Migrator.Core.Ports;

/// <summary>The accounts and regions configured for this installation (bound to the AWS options by the host).</summary>
public interface IAccountScopes
{
    IReadOnlyList<AccountScope> GetScopes();
}
