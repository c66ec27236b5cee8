namespace Migrator.Core.Planning.Steps;

/// <summary>The calls of a guarded trust-policy write (drift guard read, then the write), shared by both trust steps.</summary>
internal static class RoleTrustCalls
{
    public static IReadOnlyList<string> For(string roleArn) =>
    [
        $"aws iam get-role --role-name {RoleArns.NameOf(roleArn)}   # account {RoleArns.AccountOf(roleArn)}; drift guard",
        $"aws iam update-assume-role-policy --role-name {RoleArns.NameOf(roleArn)} --policy-document file://NEW_TRUST.json",
    ];
}
