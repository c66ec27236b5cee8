using System.Security.Cryptography;
using System.Text;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>
/// The tags every association we create carries: the plan and the step that created it. Reconcile and rollback tell
/// our association from someone else's by them (DescribePodIdentityAssociation returns tags; List does not).
/// </summary>
internal static class AssociationTags
{
    public const string Plan = "migrator/plan";
    public const string Step = "migrator/step";

    /// <summary>EKS tag values hold at most 256 characters: a longer step id is tagged by its hash.</summary>
    public static string StepValue(string stepId) =>
        stepId.Length <= 256 ? stepId : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stepId)));

    public static Dictionary<string, string> For(string planId, string stepId) => new(StringComparer.Ordinal)
    {
        [Plan] = planId,
        [Step] = StepValue(stepId),
    };

    public static bool CreatedBy(AssociationDescription a, string planId, string stepId) =>
        a.Tags.TryGetValue(Plan, out var plan) && plan == planId && a.Tags.TryGetValue(Step, out var step) && step == StepValue(stepId);
}
