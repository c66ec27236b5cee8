using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Kubernetes;

public enum KubeRouteKind
{
    NotFound,
    Version,
    CoreVersions,
    GroupList,
    Group,
    ResourceList,
    Collection,
    Item,
}

/// <summary>A request path below a cluster's base URL, parsed the way the API server's routes are laid out.</summary>
public sealed record KubeRoute(KubeRouteKind Kind, string Operation, string? GroupVersion = null, KubeResource? Resource = null, string? Namespace = null, string? Name = null)
{
    public static KubeRoute Parse(string path, string method, IQueryCollection query)
    {
        var s = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (s)
        {
            case ["version"]:
                return new(KubeRouteKind.Version, "get version");
            case ["api"]:
                return new(KubeRouteKind.CoreVersions, "discovery");
            case ["apis"]:
                return new(KubeRouteKind.GroupList, "discovery");
            case ["apis", var g]:
                return new(KubeRouteKind.Group, "discovery", g);
            case ["api", "v1"]:
                return new(KubeRouteKind.ResourceList, "discovery", "v1");
            case ["apis", var g, var v]:
                return new(KubeRouteKind.ResourceList, "discovery", $"{g}/{v}");
        }

        string gv;
        string[] rest;
        if (s is ["api", "v1", ..])
        {
            gv = "v1";
            rest = s[2..];
        }
        else if (s is ["apis", _, _, ..])
        {
            gv = $"{s[1]}/{s[2]}";
            rest = s[3..];
        }
        else
        {
            return new(KubeRouteKind.NotFound, "notfound");
        }

        KubeResource? Find(string plural) => KubeResource.All.FirstOrDefault(r => r.GroupVersion == gv && r.Plural == plural);
        var watch = query["watch"] is { Count: > 0 } w && (w[0] == "true" || w[0] == "1");
        string Verb(bool item) => item
            ? (HttpMethods.IsPatch(method) ? "patch" : HttpMethods.IsPut(method) ? "update" : HttpMethods.IsDelete(method) ? "delete" : "get")
            : HttpMethods.IsPost(method) ? "create" : watch ? "watch" : "list";

        switch (rest)
        {
            case ["namespaces", var ns, var plural] when Find(plural) is { Namespaced: true } r:
                return new(KubeRouteKind.Collection, $"{Verb(false)} {r.Plural}", gv, r, ns);
            case ["namespaces", var ns, var plural, var name] when Find(plural) is { Namespaced: true } r:
                return new(KubeRouteKind.Item, $"{Verb(true)} {r.Plural}", gv, r, ns, name);
            case [var plural] when Find(plural) is { } r:
                return new(KubeRouteKind.Collection, $"{Verb(false)} {r.Plural}", gv, r);
            case [var plural, var name] when Find(plural) is { Namespaced: false } r:
                return new(KubeRouteKind.Item, $"{Verb(true)} {r.Plural}", gv, r, null, name);
            default:
                return new(KubeRouteKind.NotFound, "notfound");
        }
    }
}
