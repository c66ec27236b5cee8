using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution.Steps;

/// <summary>Live trust questions of the change-set runners, answered by the trust engine as the assessment answers them.</summary>
internal static class OwnerTrust
{
    /// <summary>The role's live trust policy; null when the role is gone.</summary>
    public static async Task<string?> ReadAsync(ExecutionScope s, string roleArn, CancellationToken ct)
    {
        var role = s.Plan.FindRole(roleArn) ?? new PlannedRole(roleArn, RoleArns.AccountOf(roleArn), RoleArns.NameOf(roleArn), null);
        return await TrustWrites.ReadAsync(s, role, ct);
    }

    /// <summary>The document admits the binding through EKS Pod Identity with session tags (sts:AssumeRole + sts:TagSession).</summary>
    public static bool AdmitsPodIdentity(string? document, BindingKey key) =>
        document is not null && TrustPolicyParser.Parse(document) is { Success: true, Policy: { } policy }
        && TrustEvaluator.EvaluatePodIdentity(policy, new PodIdentityRequest(key.Cluster.Arn, key.Namespace, key.ServiceAccount) { SessionTags = true }).Allowed;
}
