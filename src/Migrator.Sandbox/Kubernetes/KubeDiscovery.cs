using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>The discovery documents KubernetesClient and kubectl read: /version, /api, /apis and each group version's resource list.</summary>
public static class KubeDiscovery
{
    public static JsonObject Version(Cluster cluster)
    {
        var parts = cluster.KubernetesVersion.Split('.');
        var minor = parts.Length > 1 ? parts[1] : "0";
        var suffix = StableId.Hex("gitcommit/" + cluster.KubernetesVersion, 7);
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = minor + "+",
            ["gitVersion"] = $"v{cluster.KubernetesVersion}.0-eks-{suffix}",
            ["gitCommit"] = StableId.Hex("commit/" + cluster.KubernetesVersion, 40),
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2024-11-20T08:45:32Z",
            ["goVersion"] = "go1.22.9",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject ApiGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Group("apps"), Group("batch")),
    };

    public static JsonObject Group(string name)
    {
        var version = new JsonObject { ["groupVersion"] = $"{name}/v1", ["version"] = "v1" };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = new JsonArray(version),
            ["preferredVersion"] = version.DeepClone(),
        };
    }

    public static JsonObject ResourceList(string groupVersion) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray(KubeResource.All.Where(r => r.GroupVersion == groupVersion).Select(r =>
        {
            var o = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray(r.Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (r.ShortNames.Length > 0)
            {
                o["shortNames"] = new JsonArray(r.ShortNames.Select(v => (JsonNode)v).ToArray());
            }

            if (r.Plural is "pods" or "deployments" or "statefulsets" or "daemonsets" or "jobs" or "cronjobs" or "replicasets")
            {
                o["categories"] = new JsonArray("all");
            }

            return (JsonNode)o;
        }).ToArray()),
    };
}
