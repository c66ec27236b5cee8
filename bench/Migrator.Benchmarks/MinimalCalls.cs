namespace Migrator.Benchmarks;

/// <summary>
/// The fewest calls per API that can fetch what the inventory fetched. Every EKS, STS and Kubernetes call the run made
/// reads data no other call returns (list pages, one describe per add-on, node group, Fargate profile and association,
/// one session per account), so they count as made. IAM roles are the exception: one GetAccountAuthorizationDetails
/// page returns up to 1,000 roles with trust policy, tags, RoleLastUsed and attached managed policies, so the roles an
/// account needs cost ⌈roles ÷ 1,000⌉ calls, and GetRole and ListAttachedRolePolicies are never needed.
/// </summary>
public static class MinimalCalls
{
    public const int RolesPerDetailsPage = 1_000;
    private static readonly string[] RoleReads = ["GetRole", "GetAccountAuthorizationDetails", "ListAttachedRolePolicies"];

    public static long Of(string api, IReadOnlyDictionary<string, long> callsByOperation, IEnumerable<int> rolesNeededPerAccount)
    {
        var made = callsByOperation.Values.Sum();
        if (api != "iam") return made;
        var otherIam = callsByOperation.Where(c => !RoleReads.Contains(c.Key)).Sum(c => c.Value);
        return otherIam + rolesNeededPerAccount.Sum(n => (n + RolesPerDetailsPage - 1) / RolesPerDetailsPage);
    }
}
