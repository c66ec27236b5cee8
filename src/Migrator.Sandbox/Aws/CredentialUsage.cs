using System.Globalization;
using System.Text.Json.Nodes;
using Migrator.Core.Evidence;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// How the simulated pods use their credentials, on the sandbox's clock: every pod obtains credentials when it starts
/// and, while it runs (a Succeeded CronJob pod: at each run), again every <see cref="RealismOptions.CredentialUseInterval"/>. Which way follows its env as the
/// SDKs' default chain reads it: web identity env (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE) wins and is IRSA
/// (STS AssumeRoleWithWebIdentity); else the container-credential env is Pod Identity (the agent calls EKS Auth
/// AssumeRoleForPodIdentity for the ServiceAccount's association); a workload's <see cref="Workload.TokenFileRoleArn"/>
/// adds IRSA whatever its env. Uses are computed from the live state, so nothing is stored: a deleted pod's uses go with it.
/// Each use is rendered as the CloudTrail record the real service writes (IRSA in the role's account, Pod Identity in
/// the cluster's; both in the cluster's region, as with regional STS endpoints).
/// </summary>
internal static class CredentialUsage
{
    public sealed record Use(CredentialUseKind Kind, DateTimeOffset Time, string RoleArn, Cluster Cluster, Pod Pod, PodIdentityAssociation? Association, string EventId)
    {
        public string RecordedInAccount => Kind == CredentialUseKind.PodIdentity ? Cluster.AccountId : Core.Planning.RoleArns.AccountOf(RoleArn);
    }

    /// <summary>Uses recorded in the account and region between <paramref name="from"/> and <paramref name="to"/> (inclusive), newest first.</summary>
    public static List<Use> Between(Estate estate, string account, string region, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, TimeSpan interval) =>
        estate.Clusters.Where(c => c.Region == region)
            .SelectMany(c => c.Pods.SelectMany(p => Ways(c, p).Where(w => w.Kind == kind).SelectMany(w => Times(p, from, to, interval).Select(t => (c, p, w, t)))))
            .Select(x => new Use(x.w.Kind, x.t, x.w.RoleArn, x.c, x.p, x.w.Association, StableId.Uuid($"{x.c.Key}/{x.p.Uid}/{x.w.Kind}/{x.w.RoleArn}/{x.t.ToUnixTimeSeconds()}")))
            .Where(u => u.RecordedInAccount == account)
            .OrderByDescending(u => u.Time).ThenBy(u => u.EventId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The newest use of every role used by any pod, up to <paramref name="now"/>, keyed by (account, role name): one pass over the pods.</summary>
    public static Dictionary<(string Account, string Name), (DateTimeOffset Time, string Region)> LastUses(Estate estate, DateTimeOffset now, TimeSpan interval) =>
        LastUses(RolesOfPods(estate), now, interval);

    /// <summary>A pod that can use credentials, with the roles its credentials reach and its cluster's region.</summary>
    public sealed record PodRoles(Pod Pod, string Region, IReadOnlyList<(string Account, string Name)> Roles);

    /// <summary>
    /// Which roles each pod's credentials reach: the part of <see cref="LastUses(Estate, DateTimeOffset, TimeSpan)"/> that
    /// depends on the estate only (env, associations, workloads), so a caller can keep it for an estate version and
    /// apply only the clock each time.
    /// </summary>
    public static List<PodRoles> RolesOfPods(Estate estate)
    {
        var pods = new List<PodRoles>();
        foreach (var cluster in estate.Clusters)
            foreach (var pod in cluster.Pods)
            {
                if (!Uses(pod)) continue;
                var roles = Ways(cluster, pod).Select(w => (Core.Planning.RoleArns.AccountOf(w.RoleArn), Core.Planning.RoleArns.NameOf(w.RoleArn))).ToList();
                if (roles.Count > 0)
                    pods.Add(new PodRoles(pod, cluster.Region, roles));
            }
        return pods;
    }

    /// <summary>The newest use of every role reached by <paramref name="pods"/>, up to <paramref name="now"/>.</summary>
    public static Dictionary<(string Account, string Name), (DateTimeOffset Time, string Region)> LastUses(IReadOnlyList<PodRoles> pods, DateTimeOffset now, TimeSpan interval)
    {
        var newest = new Dictionary<(string, string), (DateTimeOffset, string)>();
        foreach (var (pod, region, roles) in pods)
        {
            if (Latest(pod, now, interval) is not { } t)
                continue;
            foreach (var key in roles)
            {
                if (!newest.TryGetValue(key, out var seen) || t > seen.Item1)
                    newest[key] = (t, region);
            }
        }
        return newest;
    }

    private sealed record Way(CredentialUseKind Kind, string RoleArn, PodIdentityAssociation? Association);

    private static List<Way> Ways(Cluster cluster, Pod pod)
    {
        var ways = new List<Way>();
        var env = pod.Containers.SelectMany(c => c.Env).Where(e => e.Value is not null).GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First().Value!);
        if (env.TryGetValue(AwsCredentialEnv.RoleArn, out var role) && env.ContainsKey(AwsCredentialEnv.WebIdentityTokenFile))
            ways.Add(new Way(CredentialUseKind.WebIdentity, role, null));
        else if (env.ContainsKey(AwsCredentialEnv.ContainerCredentialsFullUri) && cluster.FindAssociation(pod.Namespace, pod.ServiceAccountName) is { } association)
            ways.Add(new Way(CredentialUseKind.PodIdentity, association.RoleArn, association));
        var workload = cluster.Workloads.FirstOrDefault(w => WorkloadPods.Owns(w, pod));
        if (workload?.TokenFileRoleArn is { } tokenFileRole && !ways.Any(w => w.Kind == CredentialUseKind.WebIdentity && w.RoleArn == tokenFileRole))
            ways.Add(new Way(CredentialUseKind.WebIdentity, tokenFileRole, null));
        return ways;
    }

    /// <summary>
    /// The pod's use times within the window: its start, then every interval. A Succeeded pod stands for its CronJob, which
    /// runs again on schedule; a pod that never ran (Pending, no start time) or is terminating uses nothing.
    /// </summary>
    private static IEnumerable<DateTimeOffset> Times(Pod pod, DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        if (!Uses(pod) || pod.StartTime is not { } start || start > to)
            yield break;
        if (interval <= TimeSpan.Zero)
        {
            if (start >= from)
                yield return start;
            yield break;
        }
        var first = start >= from ? 0 : (long)Math.Ceiling((from - start) / interval);
        for (var k = first; start + k * interval <= to; k++)
            yield return start + k * interval;
    }

    private static bool Uses(Pod pod) => pod.Phase is "Running" or "Succeeded" && pod.DeletionTimestamp is null;

    private static DateTimeOffset? Latest(Pod pod, DateTimeOffset now, TimeSpan interval) =>
        !Uses(pod) || pod.StartTime is not { } start || start > now ? null
        : interval <= TimeSpan.Zero ? start
        : start + Math.Floor((now - start) / interval) * interval;

    /// <summary>The CloudTrail record of a use (the CloudTrailEvent string of LookupEvents).</summary>
    public static JsonObject Record(Use use, string region)
    {
        var time = Truncate(use.Time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var cluster = use.Cluster;
        var roleAccount = Core.Planning.RoleArns.AccountOf(use.RoleArn);
        var roleName = Core.Planning.RoleArns.NameOf(use.RoleArn);
        var record = new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["eventTime"] = time,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = use.Pod.PodIp ?? "10.0.0.1",
            ["eventID"] = use.EventId,
            ["readOnly"] = true,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = use.RecordedInAccount,
        };
        if (use.Kind == CredentialUseKind.WebIdentity)
        {
            var issuer = Core.Trust.Issuer.Normalize(cluster.OidcIssuer ?? "");
            var provider = $"arn:{cluster.Partition}:iam::{roleAccount}:oidc-provider/{issuer}";
            var subject = $"system:serviceaccount:{use.Pod.Namespace}:{use.Pod.ServiceAccountName}";
            var session = $"botocore-session-{use.Time.ToUnixTimeSeconds()}";
            record["userIdentity"] = new JsonObject
            {
                ["type"] = "WebIdentityUser",
                ["principalId"] = $"{provider}:sts.amazonaws.com:{subject}",
                ["userName"] = subject,
                ["identityProvider"] = provider,
            };
            record["eventSource"] = CredentialUseEvents.WebIdentityEventSource;
            record["eventName"] = CredentialUseEvents.WebIdentityEventName;
            record["userAgent"] = "aws-sdk-go-v2/1.30.3 os/linux";
            record["requestParameters"] = new JsonObject { ["roleArn"] = use.RoleArn, ["roleSessionName"] = session, ["durationSeconds"] = 3600 };
            record["responseElements"] = new JsonObject
            {
                ["subjectFromWebIdentityToken"] = subject,
                ["assumedRoleUser"] = new JsonObject { ["assumedRoleId"] = $"AROA{StableId.UpperHex(use.RoleArn, 17)}:{session}", ["arn"] = $"arn:{cluster.Partition}:sts::{roleAccount}:assumed-role/{roleName}/{session}" },
                ["provider"] = provider,
                ["audience"] = "sts.amazonaws.com",
            };
            record["resources"] = new JsonArray(new JsonObject { ["ARN"] = use.RoleArn, ["accountId"] = roleAccount, ["type"] = "AWS::IAM::Role" });
        }
        else
        {
            var session = $"eks-{cluster.Name}-{use.Pod.Name}"[..Math.Min(64, 5 + cluster.Name.Length + use.Pod.Name.Length)];
            record["userIdentity"] = new JsonObject
            {
                ["type"] = "AssumedRole",
                ["arn"] = $"arn:{cluster.Partition}:sts::{cluster.AccountId}:assumed-role/eks-node-role/{use.Pod.NodeName ?? "node"}",
                ["accountId"] = cluster.AccountId,
            };
            record["eventSource"] = CredentialUseEvents.PodIdentityEventSource;
            record["eventName"] = CredentialUseEvents.PodIdentityEventName;
            record["userAgent"] = "eks-pod-identity-agent";
            record["requestParameters"] = new JsonObject { ["clusterName"] = cluster.Name, ["token"] = "HIDDEN_DUE_TO_SECURITY_REASONS" };
            record["responseElements"] = new JsonObject
            {
                ["subject"] = new JsonObject { ["namespace"] = use.Pod.Namespace, ["serviceAccount"] = use.Pod.ServiceAccountName },
                ["audience"] = AwsCredentialEnv.PodIdentityAudience,
                ["podIdentityAssociation"] = new JsonObject { ["associationArn"] = use.Association!.ArnIn(cluster), ["associationId"] = use.Association.AssociationId },
                ["assumedRoleUser"] = new JsonObject { ["assumeRoleId"] = $"AROA{StableId.UpperHex(use.RoleArn, 17)}:{session}", ["arn"] = $"arn:{cluster.Partition}:sts::{roleAccount}:assumed-role/{roleName}/{session}" },
            };
        }
        return record;
    }

    /// <summary>CloudTrail event times have whole seconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
