using Migrator.Core.Evidence;
using Migrator.Core.Planning;

namespace Migrator.Verbs.Plan;

/// <summary>What a cleanup's dry run says about the evidence gate: the check and the CloudTrail calls it makes.</summary>
internal static class CleanupEvidenceText
{
    public static async Task WriteAsync(TextWriter output, EvidenceSettings evidence, Phase phase)
    {
        if (phase.Kind != PhaseKind.Cleanup || !evidence.Enabled)
            return;
        await output.WriteLineAsync("- would first check each binding's cut-over in CloudTrail (evidence gate): no AssumeRoleWithWebIdentity for its role and subject " +
            "since its restart and at least one AssumeRoleForPodIdentity; a binding without that evidence is held (journalled), not cleaned up");
        foreach (var region in phase.Bindings.Select(b => b.Key.Cluster.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            foreach (var name in new[] { CredentialUseEvents.WebIdentityEventName, CredentialUseEvents.PodIdentityEventName })
                await output.WriteLineAsync($"    aws cloudtrail lookup-events --region {region} --lookup-attributes AttributeKey=EventName,AttributeValue={name} --start-time RESTART --end-time NOW");
    }
}
