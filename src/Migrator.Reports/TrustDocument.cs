using Migrator.Core.Trust;

namespace Migrator.Reports;

/// <summary>Trust policy documents in reports: the compact size IAM counts.</summary>
internal static class TrustDocument
{
    /// <summary>The size IAM compares with the trust policy quota (the trust engine's counting rule).</summary>
    public static int Size(string document) => TrustPolicySize.Count(document);
}
