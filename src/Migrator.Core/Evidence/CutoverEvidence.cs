using System.Globalization;
using Migrator.Core.Inventory;

namespace Migrator.Core.Evidence;

/// <summary>
/// The cleanup gate's rule (issue 17): a binding's IRSA may be removed only when CloudTrail shows no
/// AssumeRoleWithWebIdentity for its role and subject since the restart that moved it, and at least one
/// AssumeRoleForPodIdentity for it, and only once CloudTrail's delivery delay has passed since the move was verified
/// (before that, the absence of an event proves nothing). Pure: the uses are read by the caller.
/// </summary>
public static class CutoverEvidence
{
    /// <param name="restartedAt">When the restart that moved the binding began (its first restart entry).</param>
    /// <param name="movedAt">When verification found every pod on Pod Identity.</param>
    /// <param name="irsaQuietSince">From when no AssumeRoleWithWebIdentity may appear: the restart for a workload the tool
    /// restarted; for one recreated by hand (its old pods ran on IRSA until the operator acted, at a time the journal does
    /// not know) the verification that found every pod on Pod Identity. Null: <paramref name="restartedAt"/>.</param>
    public static CutoverVerdict Judge(BindingKey key, string roleArn, string? issuerHostPath, DateTimeOffset restartedAt, DateTimeOffset movedAt,
        DateTimeOffset now, TimeSpan deliveryDelay, CredentialUses uses, DateTimeOffset? irsaQuietSince = null)
    {
        // CloudTrail's eventTime has whole seconds: an event in the restart's own second counts as after it.
        var since = Floor(restartedAt);
        var quietSince = irsaQuietSince ?? restartedAt;
        var quietFrom = irsaQuietSince is null ? $"the restart at {Time(restartedAt)}" : $"the verification at {Time(quietSince)} found every pod on Pod Identity";
        var irsa = uses.WebIdentity(key, roleArn, issuerHostPath).Where(u => u.Time >= Floor(quietSince)).ToList();
        if (irsa.Count > 0)
        {
            var newest = irsa[0];
            return CutoverVerdict.Held(
                $"held: IRSA still in use since {quietFrom}: {irsa.Count} AssumeRoleWithWebIdentity event(s), newest {newest.Describe()}; " +
                $"find the pod still using the web identity token (a pod not restarted, a token file or role ARN configured outside the env), or override with a recorded reason", newest);
        }
        var conclusiveAt = movedAt + deliveryDelay;
        if (now < conclusiveAt)
            return CutoverVerdict.Held($"held: waiting for CloudTrail's delivery delay ({deliveryDelay}) after the cut-over at {Time(movedAt)}; evidence is conclusive at {Time(conclusiveAt)}");
        var podIdentity = uses.PodIdentity(key, roleArn).Where(u => u.Time >= since).ToList();
        if (podIdentity.Count == 0)
            return CutoverVerdict.Held($"held: no AssumeRoleForPodIdentity for {key.Namespace}/{key.ServiceAccount} on {key.Cluster.Name} since the restart at {Time(restartedAt)} yet: " +
                "the pods have not obtained credentials through Pod Identity (or CloudTrail has not delivered it)");
        return CutoverVerdict.Cleared(
            $"evidence: no AssumeRoleWithWebIdentity since {quietFrom}; {podIdentity.Count} AssumeRoleForPodIdentity, newest {podIdentity[0].Describe()}", podIdentity[0]);
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    private static string Time(DateTimeOffset t) => t.ToString("u", CultureInfo.InvariantCulture);
}
