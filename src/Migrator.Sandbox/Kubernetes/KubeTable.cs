using System.Globalization;
using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 Table), which kubectl get asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>: the columns the API server's printers give each kind.
/// </summary>
public static class KubeTable
{
    public static bool Wanted(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);

    public static JsonObject From(KubeResource resource, JsonObject list, DateTimeOffset now)
    {
        var columns = Columns(resource);
        var rows = new JsonArray();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var obj = (JsonObject)item.DeepClone();
            obj["apiVersion"] ??= resource.GroupVersion;
            obj["kind"] ??= resource.Kind;
            rows.Add(new JsonObject
            {
                ["cells"] = new JsonArray(Cells(resource, obj, now).ToArray()),
                ["object"] = obj,
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = list["metadata"]?.DeepClone() ?? new JsonObject(),
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Name == "Name" ? "name" : "",
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    private sealed record Column(string Name, string Type = "string", int Priority = 0);

    private static Column[] Columns(KubeResource r) => r.Plural switch
    {
        "pods" => [new("Name"), new("Ready"), new("Status"), new("Restarts", "string"), new("Age"), new("IP", Priority: 1), new("Node", Priority: 1)],
        "deployments" => [new("Name"), new("Ready"), new("Up-to-date", "integer"), new("Available", "integer"), new("Age"), new("Containers", Priority: 1), new("Images", Priority: 1)],
        "statefulsets" => [new("Name"), new("Ready"), new("Age")],
        "daemonsets" => [new("Name"), new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Up-to-date", "integer"), new("Available", "integer"), new("Node Selector"), new("Age")],
        "replicasets" => [new("Name"), new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Age")],
        "jobs" => [new("Name"), new("Status"), new("Completions"), new("Age")],
        "cronjobs" => [new("Name"), new("Schedule"), new("Suspend", "boolean"), new("Active", "integer"), new("Age")],
        "nodes" => [new("Name"), new("Status"), new("Roles"), new("Age"), new("Version")],
        "namespaces" => [new("Name"), new("Status"), new("Age")],
        "serviceaccounts" => [new("Name"), new("Secrets", "integer"), new("Age")],
        _ => [new("Name"), new("Age")],
    };

    private static IEnumerable<JsonNode?> Cells(KubeResource r, JsonObject o, DateTimeOffset now)
    {
        var name = o["metadata"]?["name"]?.GetValue<string>() ?? "";
        var age = Age(o["metadata"]?["creationTimestamp"]?.GetValue<string>(), now);
        var status = o["status"] as JsonObject ?? [];
        var spec = o["spec"] as JsonObject ?? [];
        int Int(JsonNode? n) => n is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;
        switch (r.Plural)
        {
            case "pods":
                var containers = (spec["containers"] as JsonArray)?.Count ?? 0;
                var ready = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
                return [name, $"{(ready ? containers : 0)}/{containers}", status["phase"]?.GetValue<string>(), "0", age,
                    status["podIP"]?.GetValue<string>() ?? "<none>", spec["nodeName"]?.GetValue<string>() ?? "<none>"];
            case "deployments":
                var podSpec = spec["template"]?["spec"];
                var cs = (podSpec?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                return [name, $"{Int(status["readyReplicas"])}/{Int(spec["replicas"])}", Int(status["updatedReplicas"]), Int(status["availableReplicas"]), age,
                    string.Join(',', cs.Select(c => c["name"]?.GetValue<string>())), string.Join(',', cs.Select(c => c["image"]?.GetValue<string>()))];
            case "statefulsets":
                return [name, $"{Int(status["readyReplicas"])}/{Int(spec["replicas"])}", age];
            case "daemonsets":
                var selector = spec["template"]?["spec"]?["nodeSelector"] as JsonObject;
                return [name, Int(status["desiredNumberScheduled"]), Int(status["currentNumberScheduled"]), Int(status["numberReady"]), Int(status["updatedNumberScheduled"]),
                    Int(status["numberAvailable"]), selector is null ? "<none>" : string.Join(',', selector.Select(kv => $"{kv.Key}={kv.Value}")), age];
            case "replicasets":
                return [name, Int(spec["replicas"]), Int(status["replicas"]), Int(status["readyReplicas"]), age];
            case "jobs":
                var succeeded = Int(status["succeeded"]);
                var completions = Int(spec["completions"]);
                return [name, succeeded >= completions ? "Complete" : "Running", $"{succeeded}/{completions}", age];
            case "cronjobs":
                return [name, spec["schedule"]?.GetValue<string>(), spec["suspend"]?.GetValue<bool>() ?? false, Int(status["active"]), age];
            case "nodes":
                var nodeReady = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
                return [name, nodeReady ? "Ready" : "NotReady", "<none>", age, status["nodeInfo"]?["kubeletVersion"]?.GetValue<string>()];
            case "namespaces":
                return [name, status["phase"]?.GetValue<string>(), age];
            case "serviceaccounts":
                return [name, 0, age];
            default:
                return [name, age];
        }
    }

    /// <summary>kubectl's short duration (apimachinery duration.HumanDuration), e.g. 45s, 12m, 5h3m, 20d, 2y118d.</summary>
    public static string Age(string? timestamp, DateTimeOffset now)
    {
        if (timestamp is null || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return "<unknown>";
        }

        var d = now - t;
        if (d < TimeSpan.Zero)
        {
            return "0s";
        }

        var s = (long)d.TotalSeconds;
        var hours = (long)d.TotalHours;
        return d switch
        {
            _ when d < TimeSpan.FromMinutes(2) => $"{s}s",
            _ when d < TimeSpan.FromMinutes(10) => $"{s / 60}m{(s % 60 == 0 ? "" : $"{s % 60}s")}",
            _ when d < TimeSpan.FromHours(3) => $"{s / 60}m",
            _ when d < TimeSpan.FromHours(8) => $"{hours}h{((s / 60) % 60 == 0 ? "" : $"{(s / 60) % 60}m")}",
            _ when d < TimeSpan.FromHours(48) => $"{hours}h",
            _ when d < TimeSpan.FromDays(8) => $"{hours / 24}d{(hours % 24 == 0 ? "" : $"{hours % 24}h")}",
            _ when d < TimeSpan.FromDays(730) => $"{hours / 24}d",
            _ => $"{hours / 24 / 365}y{(hours / 24 % 365 == 0 ? "" : $"{hours / 24 % 365}d")}",
        };
    }
}
