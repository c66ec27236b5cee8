using System.Text.Json.Nodes;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// Writes a patched or replaced object (JSON) back onto the estate model. Only the fields the estate keeps are taken:
/// labels, annotations, and for workloads replicas and the pod template. Returns whether anything changed.
/// </summary>
public static class KubeUpdates
{
    public static bool ApplyServiceAccount(ServiceAccount sa, JsonObject updated, DateTimeOffset now)
    {
        var labels = StringMap(updated["metadata"]?["labels"]);
        var annotations = StringMap(updated["metadata"]?["annotations"]);
        var automount = updated["automountServiceAccountToken"]?.GetValue<bool>();
        var eksChanged = !SameEks(sa.Annotations, annotations);
        var changed = !Same(sa.Labels, labels) || !Same(sa.Annotations, annotations) || sa.AutomountServiceAccountToken != automount;
        if (!changed)
        {
            return false;
        }

        sa.Labels = labels;
        sa.Annotations = annotations;
        sa.AutomountServiceAccountToken = automount;
        if (eksChanged)
        {
            sa.AnnotationsUpdatedAt = now;
        }

        return true;
    }

    /// <summary>Metadata, replicas and pod template of a workload. <paramref name="templateChanged"/> says whether pods must roll.</summary>
    public static bool ApplyWorkload(Workload w, JsonObject updated, out bool templateChanged, out bool specChanged)
    {
        var before = WorkloadRender.Template(w).ToJsonString();
        var beforeReplicas = w.Replicas;
        var labels = StringMap(updated["metadata"]?["labels"]);
        var annotations = StringMap(updated["metadata"]?["annotations"]);
        var metaChanged = !Same(w.Labels, labels) || !Same(w.Annotations, annotations);
        w.Labels = labels;
        w.Annotations = annotations;

        var spec = updated["spec"] as JsonObject;
        var template = w.Kind == WorkloadKind.CronJob ? spec?["jobTemplate"]?["spec"]?["template"] : spec?["template"];
        if (w.Kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet && spec?["replicas"] is JsonValue replicas)
        {
            w.Replicas = replicas.GetValue<int>();
        }

        if (template is JsonObject t)
        {
            w.TemplateLabels = StringMap(t["metadata"]?["labels"]);
            w.TemplateAnnotations = StringMap(t["metadata"]?["annotations"]);
            var podSpec = t["spec"] as JsonObject;
            w.ServiceAccountName = podSpec?["serviceAccountName"]?.GetValue<string>() ?? podSpec?["serviceAccount"]?.GetValue<string>() ?? "default";
            var selector = StringMap(podSpec?["nodeSelector"]);
            foreach (var (k, v) in WorkloadRender.PlacementSelector(w.Placement))
            {
                if (selector.TryGetValue(k, out var value) && value == v)
                {
                    selector.Remove(k);
                }
            }

            w.NodeSelector = selector;
            w.Containers = (podSpec?["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(Container).ToList();
        }

        templateChanged = WorkloadRender.Template(w).ToJsonString() != before;
        specChanged = templateChanged || w.Replicas != beforeReplicas;
        return metaChanged || specChanged;
    }

    internal static Container Container(JsonObject c) => new()
    {
        Name = c["name"]?.GetValue<string>() ?? "",
        Image = c["image"]?.GetValue<string>() ?? "",
        Env = (c["env"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => new EnvVar { Name = e["name"]?.GetValue<string>() ?? "", Value = e["value"]?.GetValue<string>() })
            .ToList(),
        VolumeMounts = (c["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => new VolumeMount
            {
                Name = m["name"]?.GetValue<string>() ?? "",
                MountPath = m["mountPath"]?.GetValue<string>() ?? "",
                ReadOnly = m["readOnly"]?.GetValue<bool>() ?? false,
            })
            .ToList(),
    };

    public static Dictionary<string, string> StringMap(JsonNode? node) =>
        node is JsonObject o
            ? o.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value!.ToJsonString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static bool SameEks(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        Same(Eks(a), Eks(b));

    private static Dictionary<string, string> Eks(IReadOnlyDictionary<string, string> map) =>
        map.Where(kv => kv.Key.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
