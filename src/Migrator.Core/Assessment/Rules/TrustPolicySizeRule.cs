using System.Globalization;
using Migrator.Core.Trust;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// A trust policy over the role trust policy quota (Assessment:TrustPolicySizeQuota) cannot be written back: IAM
/// refuses the UpdateAssumeRolePolicy that would add Pod Identity trust, so the binding cannot be planned as it is.
/// </summary>
internal sealed class TrustPolicySizeRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null || b.Role is not { Exists: true } role || !role.HasTrustPolicy) yield break;
        var size = role.TrustPolicySize ?? TrustPolicySize.Count(role.TrustPolicy!);
        var quota = b.Settings.TrustPolicySizeQuota;
        if (size <= quota) yield break;
        yield return new Finding(ReasonCodes.TrustPolicyOverQuota,
            "The trust policy is larger than IAM accepts; it cannot be rewritten for Pod Identity",
            $"trust policy of {b.Arn.Value} is {size.ToString("N0", CultureInfo.InvariantCulture)} characters (white space outside strings not counted); the role trust policy quota is {quota.ToString("N0", CultureInfo.InvariantCulture)} (Assessment:TrustPolicySizeQuota)",
            "Shrink the trust policy (remove statements of retired clusters and ServiceAccounts; 'migrator trust explain' lists what it trusts), or set Assessment:TrustPolicySizeQuota to the account's quota if it was raised, then assess again.");
    }
}
