namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// A role whose IAM GetRole failed in the inventory: its trust policy was never read, so the binding cannot be judged
/// or planned. The fix is to read it again (a throttle, 5xx or timeout passes on retry) or to grant the read.
/// </summary>
internal static class RoleLookup
{
    public static Finding Failed(string roleArn, string accountId, string error, string skipped)
    {
        var denied = error.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase) || error.Contains("not authorized", StringComparison.OrdinalIgnoreCase);
        return new Finding(ReasonCodes.RoleLookupFailed,
            "The role could not be read (GetRole failed); it is not planned until it is",
            $"role {roleArn} in account {accountId}: GetRole failed: {error}; {skipped}",
            denied
                ? $"Grant iam:GetRole on {roleArn} to the identity the inventory uses in account {accountId}, then re-run 'migrator inventory' and 'migrator assess'."
                : "Re-run 'migrator inventory' (then 'migrator assess' and 'migrator plan create'): a throttled, failed (5xx) or timed-out read passes on retry. The binding stays out of every plan until its role has been read.");
    }
}
