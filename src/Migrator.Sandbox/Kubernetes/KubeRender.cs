using System.Globalization;
using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>The estate's Kubernetes objects in the API server's JSON shapes (apiVersion, kind, metadata, spec, status).</summary>
public static class KubeRender
{
    public static string Time(DateTimeOffset? t) =>
        (t ?? EstateMaterializer.DefaultCreated).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Metadata(KubeObject o, string? ns, IEnumerable<JsonObject>? owners = null, bool generation = false)
    {
        var m = new JsonObject { ["name"] = o.Name };
        if (ns is not null)
        {
            m["namespace"] = ns;
        }

        m["uid"] = o.Uid;
        m["resourceVersion"] = o.ResourceVersion;
        if (generation)
        {
            m["generation"] = o.Generation;
        }

        m["creationTimestamp"] = Time(o.CreationTimestamp);
        if (o.Labels.Count > 0)
        {
            m["labels"] = Map(o.Labels);
        }

        if (o.Annotations.Count > 0)
        {
            m["annotations"] = Map(o.Annotations);
        }

        var ownerArray = owners?.ToArray();
        if (ownerArray is { Length: > 0 })
        {
            m["ownerReferences"] = new JsonArray(ownerArray);
        }

        return m;
    }

    public static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            o[k] = v;
        }

        return o;
    }

    public static JsonObject Namespace(KubeNamespace ns) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = Metadata(ns, null),
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = ns.Phase },
    };

    public static JsonObject ServiceAccount(ServiceAccount sa)
    {
        var o = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = Metadata(sa, sa.Namespace),
        };
        if (sa.AutomountServiceAccountToken is { } automount)
        {
            o["automountServiceAccountToken"] = automount;
        }

        return o;
    }

    public static JsonObject Node(Node node)
    {
        var addresses = new JsonArray();
        if (node.InternalIp is not null)
        {
            addresses.Add(new JsonObject { ["type"] = "InternalIP", ["address"] = node.InternalIp });
        }

        addresses.Add(new JsonObject { ["type"] = "Hostname", ["address"] = node.Name });
        var spec = new JsonObject();
        if (node.ProviderId is not null)
        {
            spec["providerID"] = node.ProviderId;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = Metadata(node, null),
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready",
                    ["status"] = node.Ready ? "True" : "False",
                    ["reason"] = node.Ready ? "KubeletReady" : "KubeletNotReady",
                }),
                ["addresses"] = addresses,
                ["nodeInfo"] = new JsonObject
                {
                    ["kubeletVersion"] = node.KubeletVersion,
                    ["operatingSystem"] = node.Os.ToString().ToLowerInvariant(),
                    ["architecture"] = node.Arch.ToString().ToLowerInvariant(),
                },
            },
        };
    }

    public static JsonObject Pod(Pod pod)
    {
        var spec = PodSpec(pod.ServiceAccountName, pod.NodeSelector, pod.Containers, pod.Volumes, pod.Kind());
        if (pod.NodeName is not null)
        {
            spec["nodeName"] = pod.NodeName;
        }

        var status = new JsonObject { ["phase"] = pod.Phase };
        if (pod.NodeName is not null)
        {
            status["conditions"] = new JsonArray(
                Condition("PodScheduled", true),
                Condition("Initialized", true),
                Condition("ContainersReady", pod.Ready),
                Condition("Ready", pod.Ready));
        }
        else
        {
            status["conditions"] = new JsonArray(Condition("PodScheduled", false, "Unschedulable"));
        }

        if (pod.PodIp is not null)
        {
            status["podIP"] = pod.PodIp;
        }

        if (pod.StartTime is not null && pod.NodeName is not null)
        {
            status["startTime"] = Time(pod.StartTime);
        }

        var metadata = Metadata(pod, pod.Namespace, pod.OwnerReferences.Select(Owner));
        if (pod.DeletionTimestamp is not null)
        {
            metadata["deletionTimestamp"] = Time(pod.DeletionTimestamp);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    private static string Kind(this Pod pod) => pod.OwnerReferences.FirstOrDefault()?.Kind ?? "Pod";

    public static JsonObject Owner(OwnerReference o) => new()
    {
        ["apiVersion"] = o.ApiVersion,
        ["kind"] = o.Kind,
        ["name"] = o.Name,
        ["uid"] = o.Uid,
        ["controller"] = o.Controller,
        ["blockOwnerDeletion"] = o.BlockOwnerDeletion,
    };

    public static JsonObject Condition(string type, bool status, string? reason = null)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status ? "True" : "False" };
        if (reason is not null)
        {
            c["reason"] = reason;
        }

        return c;
    }

    public static JsonObject PodSpec(string serviceAccount, IReadOnlyDictionary<string, string> nodeSelector, IEnumerable<Container> containers, IEnumerable<Volume> volumes, string ownerKind)
    {
        var spec = new JsonObject();
        var volumeArray = new JsonArray(volumes.Select(Volume).ToArray());
        if (volumeArray.Count > 0)
        {
            spec["volumes"] = volumeArray;
        }

        spec["containers"] = new JsonArray(containers.Select(Container).ToArray());
        spec["restartPolicy"] = ownerKind is "Job" or "CronJob" ? "OnFailure" : "Always";
        spec["terminationGracePeriodSeconds"] = 30;
        spec["dnsPolicy"] = "ClusterFirst";
        if (nodeSelector.Count > 0)
        {
            spec["nodeSelector"] = Map(nodeSelector);
        }

        spec["serviceAccountName"] = serviceAccount;
        spec["serviceAccount"] = serviceAccount;
        spec["securityContext"] = new JsonObject();
        spec["schedulerName"] = "default-scheduler";
        return spec;
    }

    public static JsonObject Container(Container c)
    {
        var o = new JsonObject { ["name"] = c.Name, ["image"] = c.Image };
        if (c.Env.Count > 0)
        {
            o["env"] = new JsonArray(c.Env.Select(e =>
            {
                var env = new JsonObject { ["name"] = e.Name };
                if (e.Value is not null)
                {
                    env["value"] = e.Value;
                }

                return (JsonNode)env;
            }).ToArray());
        }

        o["resources"] = new JsonObject();
        if (c.VolumeMounts.Count > 0)
        {
            o["volumeMounts"] = new JsonArray(c.VolumeMounts.Select(m =>
            {
                var mount = new JsonObject { ["name"] = m.Name };
                if (m.ReadOnly)
                {
                    mount["readOnly"] = true;
                }

                mount["mountPath"] = m.MountPath;
                return (JsonNode)mount;
            }).ToArray());
        }

        o["terminationMessagePath"] = "/dev/termination-log";
        o["terminationMessagePolicy"] = "File";
        o["imagePullPolicy"] = c.Image.EndsWith(":latest", StringComparison.Ordinal) || !c.Image.Contains(':', StringComparison.Ordinal) ? "Always" : "IfNotPresent";
        return o;
    }

    public static JsonObject Volume(Volume v)
    {
        var projection = new JsonObject();
        if (v.ProjectedAudience is not null)
        {
            projection["audience"] = v.ProjectedAudience;
        }

        if (v.ExpirationSeconds is not null)
        {
            projection["expirationSeconds"] = v.ExpirationSeconds;
        }

        projection["path"] = v.ProjectedPath ?? "token";
        return new JsonObject
        {
            ["name"] = v.Name,
            ["projected"] = new JsonObject
            {
                ["sources"] = new JsonArray(new JsonObject { ["serviceAccountToken"] = projection }),
                ["defaultMode"] = 420,
            },
        };
    }
}
