namespace Migrator.Cli;

/// <summary>Documented process exit codes (README "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int InvalidInput = 3;
    public const int Partial = 4;
    /// <summary>`run`: an identity of the migration scope that ran on Pod Identity in an earlier run does not now.</summary>
    public const int Regressed = 5;
    /// <summary>`phase run`, rollbacks: nothing failed, but change-sets wait for their owners to apply them; run it again then.</summary>
    public const int AwaitingOwner = 6;
}
