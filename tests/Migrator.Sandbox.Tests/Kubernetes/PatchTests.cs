using System.Text.Json.Nodes;
using Migrator.Sandbox.Kubernetes;

namespace Migrator.Sandbox.Tests.Kubernetes;

public sealed class PatchTests
{
    private static JsonObject Deployment() => JsonNode.Parse("""
        {"spec":{"template":{"spec":{"containers":[
          {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
          {"name":"side","image":"side:1"}]}}}}
        """)!.AsObject();

    [Fact]
    public void Strategic_merge_merges_containers_and_env_by_name()
    {
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}}}""");

        var result = StrategicMergePatch.Apply(Deployment(), patch)!;

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("app:1", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]""", containers[0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void Strategic_merge_deletes_an_element_with_the_patch_directive()
    {
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}""");

        var result = StrategicMergePatch.Apply(Deployment(), patch)!;

        Assert.Equal("app", result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Merge_patch_replaces_lists_and_null_removes()
    {
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"only"}]}}},"metadata":null}""");

        var result = MergePatch.Apply(Deployment(), patch)!;

        Assert.Equal("""[{"name":"only"}]""", result["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Json_patch_escapes_slashes_and_fails_on_a_missing_path()
    {
        var sa = JsonNode.Parse("""{"metadata":{"annotations":{"eks.amazonaws.com/role-arn":"r"}}}""")!;

        var removed = JsonPatch.Apply(sa, JsonNode.Parse("""[{"op":"remove","path":"/metadata/annotations/eks.amazonaws.com~1role-arn"}]""")!.AsArray());

        Assert.Equal("""{"metadata":{"annotations":{}}}""", removed.ToJsonString());
        Assert.Throws<PatchException>(() => JsonPatch.Apply(sa, JsonNode.Parse("""[{"op":"replace","path":"/metadata/labels/x","value":"y"}]""")!.AsArray()));
        Assert.Throws<PatchException>(() => JsonPatch.Apply(sa, JsonNode.Parse("""[{"op":"test","path":"/metadata/annotations/eks.amazonaws.com~1role-arn","value":"other"}]""")!.AsArray()));
    }
}
