using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// POST of a pod or a Job, as the API server validates and stores it and the controllers then act: names (or
/// generateName), namespace, uid, resourceVersion and creationTimestamp are assigned; a new pod is scheduled and
/// admitted by the webhook with the ServiceAccount's annotation and association as they are now (Pod Identity env when
/// an association exists, IRSA env when only the annotation); a new Job gets its pods from the Job controller at once.
/// Only the fields the estate keeps are taken from the body (labels, annotations, owner references, ServiceAccount,
/// nodeSelector, nodeName, containers with env and mounts, projected token volumes).
/// </summary>
internal static partial class KubeCreation
{
    public static IResult CreatePod(Estate estate, Cluster cluster, string ns, JsonObject body, bool dryRun, IPodAdmission admission, DateTimeOffset now)
    {
        var resource = KubeResource.Pods;
        if (Check(cluster, resource, ns, body, n => cluster.Pods.Exists(p => p.Namespace == ns && p.Name == n), out var name) is { } refused)
        {
            return refused;
        }

        var spec = body["spec"] as JsonObject;
        if (Containers(resource, name, spec, "spec") is { } invalid)
        {
            return invalid;
        }

        var serviceAccount = ServiceAccountOf(spec);
        if (cluster.FindServiceAccount(ns, serviceAccount) is null)
        {
            return KubeStatus.Forbidden(resource, name, $"error looking up service account {ns}/{serviceAccount}: serviceaccount \"{serviceAccount}\" not found");
        }

        var meta = body["metadata"] as JsonObject;
        var version = Version(cluster, dryRun);
        var pod = new Pod
        {
            Namespace = ns,
            Name = name,
            Uid = StableId.Uuid($"{cluster.Key}/pod/{ns}/{name}/{version}"),
            ResourceVersion = version,
            CreationTimestamp = now,
            Labels = KubeUpdates.StringMap(meta?["labels"]),
            Annotations = KubeUpdates.StringMap(meta?["annotations"]),
            OwnerReferences = Owners(meta),
            ServiceAccountName = serviceAccount,
            NodeSelector = KubeUpdates.StringMap(spec?["nodeSelector"]),
            Containers = ContainerList(spec).Select(KubeUpdates.Container).ToList(),
            Volumes = TokenVolumes(spec),
        };
        if (dryRun)
        {
            // A dry run stops before the scheduler: nothing is placed (a Fargate node would be a change).
            pod.Phase = "Pending";
            pod.Ready = false;
        }
        else if (spec?["nodeName"] is JsonValue nodeName && nodeName.TryGetValue<string>(out var bound) && bound.Length > 0)
        {
            // Bound by the caller: the scheduler is bypassed; a node that does not exist leaves the pod pending.
            var node = cluster.FindNode(bound);
            pod.NodeName = bound;
            pod.PodIp = node?.InternalIp;
            pod.Phase = node is null ? "Pending" : "Running";
            pod.Ready = node is not null;
        }
        else
        {
            EstateMaterializer.Schedule(cluster, pod);
        }

        pod.StartTime = pod.Phase == "Running" ? now : null;
        admission.Admit(estate, cluster, pod);
        if (!dryRun)
        {
            cluster.Pods.Add(pod);
        }

        return new KubeJsonResult(KubeRender.Pod(pod), StatusCodes.Status201Created);
    }

    public static IResult CreateJob(Estate estate, Cluster cluster, string ns, JsonObject body, bool dryRun, IPodAdmission admission, DateTimeOffset now)
    {
        var resource = KubeResource.Jobs;
        bool Exists(string n) => cluster.Workloads.Exists(w => w.Kind == WorkloadKind.Job && w.Namespace == ns && w.Name == n)
            || cluster.Pods.Exists(p => p.Namespace == ns && p.OwnerReferences.Any(o => o.Kind == "Job" && o.Name == n));
        if (Check(cluster, resource, ns, body, Exists, out var name) is { } refused)
        {
            return refused;
        }

        var spec = body["spec"] as JsonObject;
        var podSpec = spec?["template"]?["spec"] as JsonObject;
        if (Containers(resource, name, podSpec, "spec.template.spec") is { } invalid)
        {
            return invalid;
        }

        var meta = body["metadata"] as JsonObject;
        var version = Version(cluster, dryRun);
        var job = new Workload
        {
            Kind = WorkloadKind.Job,
            Namespace = ns,
            Name = name,
            Uid = StableId.Uuid($"{cluster.Key}/Job/{ns}/{name}/{version}"),
            ResourceVersion = version,
            CreationTimestamp = now,
            OwnerReferences = Owners(meta) is { Count: > 0 } owners ? owners : null,
            Placement = EstateMaterializer.PlacementOf(KubeUpdates.StringMap(podSpec?["nodeSelector"])),
            Replicas = Int(spec?["parallelism"]) ?? 1,
        };
        KubeUpdates.ApplyWorkload(job, body, out _, out _);
        job.TemplateHash = WorkloadPods.TemplateHash(job);
        job.ObservedGeneration = job.Generation;

        // The Job controller starts its pods at once (none while suspended, none for a ServiceAccount that does not exist:
        // the controller's pod creation fails then, as in a cluster; none on a dry run, which no controller sees).
        var suspended = spec?["suspend"] is JsonValue s && s.TryGetValue<bool>(out var suspend) && suspend;
        var runs = dryRun || suspended || cluster.FindServiceAccount(ns, job.ServiceAccountName) is null ? 0 : Math.Min(job.Replicas, Int(spec?["completions"]) ?? job.Replicas);
        var pods = new List<Pod>();
        for (var i = 0; i < runs; i++)
        {
            var podName = WorkloadPods.PodName(job, job.TemplateHash, i, $"{cluster.Key}/{ns}/{name}/{job.Uid}");
            pods.Add(EstateMaterializer.CreatePod(estate, cluster, job, podName, now, admission));
        }

        if (!dryRun)
        {
            cluster.Workloads.Add(job);
            cluster.Pods.AddRange(pods);
        }

        return new KubeJsonResult(WorkloadRender.Render(cluster, job), StatusCodes.Status201Created);
    }

    /// <summary>Null when the metadata is accepted (then <paramref name="name"/> is the object's name, its own or generated); else the refusal.</summary>
    private static IResult? Check(Cluster cluster, KubeResource resource, string ns, JsonObject body, Func<string, bool> exists, out string name)
    {
        name = "";
        var apiVersion = Text(body["apiVersion"]);
        if (apiVersion is not null && apiVersion != resource.GroupVersion)
        {
            return KubeStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.GroupVersion})");
        }

        var kind = Text(body["kind"]);
        if (kind is not null && kind != resource.Kind)
        {
            return KubeStatus.BadRequest($"the object provided is unrecognized (must be of type {resource.Kind}): kind {kind}");
        }

        var meta = body["metadata"] as JsonObject;
        var bodyNamespace = Text(meta?["namespace"]);
        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            return KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (cluster.FindNamespace(ns) is null)
        {
            return KubeStatus.NotFound(KubeResource.Namespaces, ns);
        }

        var given = Text(meta?["name"]);
        var generate = Text(meta?["generateName"]);
        if (string.IsNullOrEmpty(given) && string.IsNullOrEmpty(generate))
        {
            return KubeStatus.Invalid(resource, "", "metadata.name: Required value: name or generateName is required");
        }

        // Jobs name their pods' job-name label: a label value, at most 63 characters.
        var max = resource == KubeResource.Jobs ? 63 : 253;
        if (!string.IsNullOrEmpty(given))
        {
            if (given.Length > max || !Rfc1123Subdomain().IsMatch(given))
            {
                return KubeStatus.Invalid(resource, given, $"metadata.name: Invalid value: \"{given}\": a lowercase RFC 1123 subdomain of at most {max} characters must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
            }

            if (exists(given))
            {
                return KubeStatus.AlreadyExists(resource, given);
            }

            name = given;
            return null;
        }

        // generateName: the prefix (cut to leave room) and five characters of Kubernetes' safe alphabet, until free.
        var prefix = generate!.Length > max - 5 ? generate[..(max - 5)] : generate;
        for (var i = 0; ; i++)
        {
            var candidate = prefix + StableId.FromAlphabet($"{cluster.Key}/{ns}/{prefix}/{cluster.LastResourceVersion}/{i}", 5, WorkloadPods.SafeAlphabet);
            if (!Rfc1123Subdomain().IsMatch(candidate))
            {
                return KubeStatus.Invalid(resource, candidate, $"metadata.generateName: Invalid value: \"{generate}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
            }

            if (!exists(candidate))
            {
                name = candidate;
                return null;
            }
        }
    }

    private static IResult? Containers(KubeResource resource, string name, JsonObject? podSpec, string path)
    {
        var containers = ContainerList(podSpec);
        if (containers.Count == 0)
        {
            return KubeStatus.Invalid(resource, name, $"{path}.containers: Required value");
        }

        for (var i = 0; i < containers.Count; i++)
        {
            foreach (var field in new[] { "name", "image" })
            {
                if (string.IsNullOrEmpty(Text(containers[i][field])))
                {
                    return KubeStatus.Invalid(resource, name, $"{path}.containers[{i}].{field}: Required value");
                }
            }
        }

        return null;
    }

    private static List<JsonObject> ContainerList(JsonObject? podSpec) => (podSpec?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    private static string ServiceAccountOf(JsonObject? spec) =>
        Text(spec?["serviceAccountName"]) is { Length: > 0 } sa ? sa : Text(spec?["serviceAccount"]) is { Length: > 0 } legacy ? legacy : "default";

    private static List<OwnerReference> Owners(JsonObject? meta) => (meta?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>()
        .Where(o => Text(o["kind"]) is { Length: > 0 } && Text(o["name"]) is { Length: > 0 })
        .Select(o => new OwnerReference
        {
            ApiVersion = Text(o["apiVersion"]) ?? "v1",
            Kind = Text(o["kind"])!,
            Name = Text(o["name"])!,
            Uid = Text(o["uid"]) ?? "",
            Controller = o["controller"] is JsonValue c && c.TryGetValue<bool>(out var controller) && controller,
            BlockOwnerDeletion = o["blockOwnerDeletion"] is JsonValue b && b.TryGetValue<bool>(out var block) && block,
        })
        .ToList();

    /// <summary>Service-account token projections (the only volumes the estate models: the webhook's own, or written by hand).</summary>
    private static List<Volume> TokenVolumes(JsonObject? spec) => (spec?["volumes"] as JsonArray ?? []).OfType<JsonObject>()
        .Select(v => (Name: Text(v["name"]), Token: (v["projected"]?["sources"] as JsonArray ?? []).OfType<JsonObject>().Select(s => s["serviceAccountToken"]).OfType<JsonObject>().FirstOrDefault()))
        .Where(v => v.Name is not null && v.Token is not null)
        .Select(v => new Volume
        {
            Name = v.Name!,
            ProjectedAudience = Text(v.Token!["audience"]),
            ProjectedPath = Text(v.Token!["path"]) ?? "token",
            ExpirationSeconds = Int(v.Token!["expirationSeconds"]),
        })
        .ToList();

    /// <summary>The new object's resourceVersion; a dry run shows the next one without taking it.</summary>
    private static string Version(Cluster cluster, bool dryRun) =>
        dryRun ? (cluster.LastResourceVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : cluster.NextResourceVersion();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Rfc1123Subdomain();
}
