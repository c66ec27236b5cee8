using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// The Kubernetes API server of every cluster in the estate, one base URL each:
/// <c>{KubernetesUrl}/clusters/{account}/{region}/{cluster}</c>. Real paths, JSON shapes, List kinds with
/// limit/continue, Status errors; bearer token required; realism (latency, 429 + Retry-After, 503) per call.
/// </summary>
public sealed class KubernetesApi : ISandboxApi
{
    public SandboxService Service => SandboxService.Kubernetes;

    public void Map(IEndpointRouteBuilder routes, SandboxContext context)
    {
        var handler = new KubeRequestHandler(context);
        routes.Map("/clusters/{account}/{region}/{cluster}/{**path}", (HttpContext http, string account, string region, string cluster, string? path) =>
            handler.HandleAsync(http, account, region, cluster, path ?? ""));
    }
}

/// <summary>Dispatches one request of a cluster's API: authentication, realism, then the resource operation.</summary>
internal sealed class KubeRequestHandler(SandboxContext context)
{
    public async Task<IResult> HandleAsync(HttpContext http, string account, string region, string clusterName, string path)
    {
        var ct = http.RequestAborted;
        var cluster = context.State.Read(e => e.FindCluster(account, region, clusterName));
        if (cluster is null)
        {
            return KubeStatus.PageNotFound(path);
        }

        if (ClusterAuthenticator.Authenticate(http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, cluster, context) is null)
        {
            context.Counters.RecordCall(SandboxService.Kubernetes, "unauthorized");
            return KubeStatus.Unauthorized();
        }

        var route = KubeRoute.Parse(path, http.Request.Method, http.Request.Query);
        var admission = await context.Realism.AdmitAsync(SandboxService.Kubernetes, route.Operation, ct);
        if (admission.Outcome == AdmissionOutcome.Throttle)
        {
            return KubeStatus.TooManyRequests(admission.RetryAfterSeconds);
        }

        if (admission.Outcome == AdmissionOutcome.TransientError)
        {
            return KubeStatus.ServiceUnavailable();
        }

        return route.Kind switch
        {
            KubeRouteKind.Version => Ok(context.State.Read(_ => KubeDiscovery.Version(cluster))),
            KubeRouteKind.CoreVersions => Ok(KubeDiscovery.ApiVersions($"{http.Request.Host}")),
            KubeRouteKind.GroupList => Ok(KubeDiscovery.ApiGroupList()),
            KubeRouteKind.Group => route.GroupVersion is "apps" or "batch" ? Ok(KubeDiscovery.Group(route.GroupVersion)) : KubeStatus.PageNotFound(path),
            KubeRouteKind.ResourceList => route.GroupVersion is "v1" or "apps/v1" or "batch/v1" ? Ok(KubeDiscovery.ResourceList(route.GroupVersion)) : KubeStatus.PageNotFound(path),
            KubeRouteKind.Collection => await CollectionAsync(http, cluster, route),
            KubeRouteKind.Item => await ItemAsync(http, cluster, route),
            _ => KubeStatus.PageNotFound(path),
        };
    }

    private static KubeJsonResult Ok(JsonNode body, int code = 200) => new(body, code);

    private async Task<IResult> CollectionAsync(HttpContext http, Cluster cluster, KubeRoute route)
    {
        var resource = route.Resource!;
        if (HttpMethods.IsPost(http.Request.Method) && resource.Verbs.Contains("create") && route.Namespace is not null)
        {
            return await CreateAsync(http, cluster, route);
        }

        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return KubeStatus.MethodNotAllowed();
        }

        var q = http.Request.Query;
        var (selectors, error) = KubeSelectors.Parse(q["fieldSelector"], q["labelSelector"]);
        if (error is not null)
        {
            return KubeStatus.BadRequest(error);
        }

        if (q["watch"] is { Count: > 0 } w && (w[0] == "true" || w[0] == "1"))
        {
            await WatchAsync(http, cluster, route, selectors!);
            return Results.Empty;
        }

        int? limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : null;
        var (list, pageError) = context.State.Read(_ => KubeList.Page(resource, Items(cluster, resource, route.Namespace), selectors!, limit,
            q["continue"], cluster.LastResourceVersion.ToString(CultureInfo.InvariantCulture)));
        if (list is null)
        {
            return KubeStatus.Failure(400, "BadRequest", pageError!);
        }

        return KubeTable.Wanted(http.Request.Headers.Accept.ToString()) ? Ok(KubeTable.From(resource, list, context.Time.GetUtcNow())) : Ok(list);
    }

    /// <summary>
    /// A watch as kubectl rollout status opens it: the current objects as ADDED events, then the stream stays open
    /// until the client goes, the timeout passes, or the sandbox stops. Changes made meanwhile are not streamed.
    /// </summary>
    private async Task WatchAsync(HttpContext http, Cluster cluster, KubeRoute route, KubeSelectors selectors)
    {
        var objects = context.State.Read(_ => Items(cluster, route.Resource!, route.Namespace).Select(i => i.Render()).Where(selectors.Matches).ToList());
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        foreach (var o in objects)
        {
            await http.Response.WriteAsync(new JsonObject { ["type"] = "ADDED", ["object"] = o }.ToJsonString(KubeJsonResult.Wire) + "\n", http.RequestAborted);
        }

        await http.Response.Body.FlushAsync(http.RequestAborted);
        var timeout = int.TryParse(http.Request.Query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? Math.Min(t, 300) : 60;
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(timeout), context.Time, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client closed the watch or the sandbox is stopping: both end the stream normally.
        }
    }

    private async Task<IResult> ItemAsync(HttpContext http, Cluster cluster, KubeRoute route)
    {
        var resource = route.Resource!;
        var name = route.Name!;
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method))
        {
            var found = context.State.Read(_ => Items(cluster, resource, route.Namespace).FirstOrDefault(i => i.Key == Key(route.Namespace, name))?.Render());
            if (found is null)
            {
                return KubeStatus.NotFound(resource, name);
            }

            return KubeTable.Wanted(http.Request.Headers.Accept.ToString())
                ? Ok(KubeTable.From(resource, new JsonObject { ["metadata"] = new JsonObject(), ["items"] = new JsonArray(found) }, context.Time.GetUtcNow()))
                : Ok(found);
        }

        if (HttpMethods.IsDelete(method) && resource.Verbs.Contains("delete"))
        {
            return await DeleteAsync(http, cluster, route);
        }

        if (!(HttpMethods.IsPatch(method) && resource.Verbs.Contains("patch")) && !(HttpMethods.IsPut(method) && resource.Verbs.Contains("update")))
        {
            return KubeStatus.MethodNotAllowed();
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return KubeStatus.BadRequest($"error decoding patch: {e.Message}");
        }

        var mediaType = (http.Request.ContentType ?? "").Split(';')[0].Trim();
        if (HttpMethods.IsPatch(method) && mediaType is not ("application/merge-patch+json" or "application/strategic-merge-patch+json" or "application/json-patch+json"))
        {
            return KubeStatus.UnsupportedMediaType(mediaType);
        }

        var dryRun = http.Request.Query.ContainsKey("dryRun");
        var now = context.Time.GetUtcNow();
        return context.State.Write(estate => resource == KubeResource.ServiceAccounts
            ? WriteServiceAccount(cluster, route, method, mediaType, body, dryRun, now)
            : WriteWorkload(estate, cluster, route, method, mediaType, body, dryRun, now));
    }

    /// <summary>POST of a pod or Job (<see cref="KubeCreation"/>): a JSON body, dryRun honoured, saved with the state.</summary>
    private async Task<IResult> CreateAsync(HttpContext http, Cluster cluster, KubeRoute route)
    {
        var mediaType = (http.Request.ContentType ?? "application/json").Split(';')[0].Trim();
        if (mediaType != "application/json")
        {
            return KubeStatus.Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json (got {mediaType})");
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return KubeStatus.BadRequest($"error decoding the {route.Resource!.Kind}: {e.Message}");
        }

        if (body is not JsonObject o)
        {
            return KubeStatus.BadRequest($"the body must be a {route.Resource!.Kind} object");
        }

        var dryRun = http.Request.Query.ContainsKey("dryRun");
        var now = context.Time.GetUtcNow();
        return context.State.Write(estate => route.Resource == KubeResource.Pods
            ? KubeCreation.CreatePod(estate, cluster, route.Namespace!, o, dryRun, context.PodAdmission, now)
            : KubeCreation.CreateJob(estate, cluster, route.Namespace!, o, dryRun, context.PodAdmission, now));
    }

    /// <summary>DELETE of a pod or Job (<see cref="KubeDeletion"/>) with its DeleteOptions; saved with the state.</summary>
    private async Task<IResult> DeleteAsync(HttpContext http, Cluster cluster, KubeRoute route)
    {
        var (options, error) = await KubeDeleteOptions.ReadAsync(http.Request);
        if (options is null)
        {
            return KubeStatus.Failure(422, "Invalid", $"DeleteOptions.meta.k8s.io \"\" is invalid: {error}");
        }

        var now = context.Time.GetUtcNow();
        return context.State.Write(estate => route.Resource == KubeResource.Pods
            ? KubeDeletion.DeletePod(estate, cluster, route.Namespace!, route.Name!, options, context.PodAdmission, now)
            : KubeDeletion.DeleteJob(cluster, route.Namespace!, route.Name!, options, now));
    }

    private static JsonObject? Patched(JsonObject current, string method, string mediaType, JsonNode? body, out string? error)
    {
        error = null;
        try
        {
            var result = HttpMethods.IsPut(method) ? body
                : mediaType switch
                {
                    "application/merge-patch+json" => MergePatch.Apply(current, body),
                    "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current, body),
                    _ => body is JsonArray ops ? JsonPatch.Apply(current, ops) : throw new PatchException("json patch must be an array of operations"),
                };
            if (result is not JsonObject o)
            {
                error = "the patched object is not a JSON object";
                return null;
            }

            return o;
        }
        catch (PatchException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static IResult WriteServiceAccount(Cluster cluster, KubeRoute route, string method, string mediaType, JsonNode? body, bool dryRun, DateTimeOffset now)
    {
        var resource = KubeResource.ServiceAccounts;
        var sa = cluster.FindServiceAccount(route.Namespace!, route.Name!);
        if (sa is null)
        {
            return KubeStatus.NotFound(resource, route.Name!);
        }

        var current = KubeRender.ServiceAccount(sa);
        var updated = Patched(current, method, mediaType, body, out var error);
        if (updated is null)
        {
            return KubeStatus.Failure(422, "Invalid", error!);
        }

        if (Precondition(updated, sa, resource, HttpMethods.IsPut(method)) is { } failed)
        {
            return failed;
        }

        if (dryRun)
        {
            return Ok(updated);
        }

        if (KubeUpdates.ApplyServiceAccount(sa, updated, now))
        {
            sa.ResourceVersion = cluster.NextResourceVersion();
        }

        return Ok(KubeRender.ServiceAccount(sa));
    }

    private IResult WriteWorkload(Estate estate, Cluster cluster, KubeRoute route, string method, string mediaType, JsonNode? body, bool dryRun, DateTimeOffset now)
    {
        var resource = route.Resource!;
        var kind = KubeResource.WorkloadKindOf(resource);
        var w = cluster.Workloads.Find(x => x.Kind == kind && x.Namespace == route.Namespace && x.Name == route.Name);
        if (w is null)
        {
            return KubeStatus.NotFound(resource, route.Name!);
        }

        var current = WorkloadRender.Render(cluster, w);
        var updated = Patched(current, method, mediaType, body, out var error);
        if (updated is null)
        {
            return KubeStatus.Failure(422, "Invalid", error!);
        }

        if (Precondition(updated, w, resource, HttpMethods.IsPut(method)) is { } failed)
        {
            return failed;
        }

        if (dryRun)
        {
            return Ok(updated);
        }

        if (KubeUpdates.ApplyWorkload(w, updated, out var templateChanged, out var specChanged))
        {
            w.ResourceVersion = cluster.NextResourceVersion();
            if (specChanged)
            {
                w.Generation++;
                Rollout.Roll(estate, cluster, w, context.PodAdmission, now, templateChanged);
            }
        }

        return Ok(WorkloadRender.Render(cluster, w));
    }

    /// <summary>Optimistic concurrency: a resourceVersion in the body must be the current one (409 otherwise); names cannot change.</summary>
    private static IResult? Precondition(JsonObject updated, KubeObject current, KubeResource resource, bool put)
    {
        var name = updated["metadata"]?["name"]?.GetValue<string>();
        if (put && name != current.Name || !put && name is not null && name != current.Name)
        {
            return KubeStatus.BadRequest($"the name of the object ({name}) does not match the name on the URL ({current.Name})");
        }

        var rv = updated["metadata"]?["resourceVersion"]?.GetValue<string>();
        return !string.IsNullOrEmpty(rv) && rv != current.ResourceVersion ? KubeStatus.Conflict(resource, current.Name) : null;
    }

    private static string Key(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    private static IEnumerable<KubeList.Item> Items(Cluster cluster, KubeResource resource, string? ns)
    {
        bool In(string itemNs) => ns is null || itemNs == ns;
        if (resource == KubeResource.Namespaces)
        {
            return cluster.Namespaces.Select(n => new KubeList.Item(n.Name, () => KubeRender.Namespace(n)));
        }

        if (resource == KubeResource.Nodes)
        {
            return cluster.Nodes.Select(n => new KubeList.Item(n.Name, () => KubeRender.Node(n)));
        }

        if (resource == KubeResource.ServiceAccounts)
        {
            return cluster.ServiceAccounts.Where(s => In(s.Namespace)).Select(s => new KubeList.Item(Key(s.Namespace, s.Name), () => KubeRender.ServiceAccount(s)));
        }

        if (resource == KubeResource.Pods)
        {
            return cluster.Pods.Where(p => In(p.Namespace)).Select(p => new KubeList.Item(Key(p.Namespace, p.Name), () => KubeRender.Pod(p)));
        }

        if (resource == KubeResource.ReplicaSets)
        {
            return cluster.Workloads.Where(w => w.Kind == WorkloadKind.Deployment && In(w.Namespace))
                .Select(d => new KubeList.Item(Key(d.Namespace, $"{d.Name}-{d.TemplateHash}"), () => WorkloadRender.ReplicaSet(cluster, d)));
        }

        if (resource == KubeResource.Jobs)
        {
            var jobs = cluster.Workloads.Where(w => w.Kind == WorkloadKind.Job && In(w.Namespace))
                .Select(j => new KubeList.Item(Key(j.Namespace, j.Name), () => WorkloadRender.Render(cluster, j)));
            var runs = cluster.Workloads.Where(w => w.Kind == WorkloadKind.CronJob && In(w.Namespace) && cluster.Pods.Any(p => WorkloadPods.Owns(w, p)))
                .Select(c => new KubeList.Item(Key(c.Namespace, WorkloadPods.Controller(c, c.TemplateHash ?? "").Name), () => WorkloadRender.CronJobRun(cluster, c)));
            return jobs.Concat(runs);
        }

        var kind = KubeResource.WorkloadKindOf(resource);
        return cluster.Workloads.Where(w => w.Kind == kind && In(w.Namespace))
            .Select(w => new KubeList.Item(Key(w.Namespace, w.Name), () => WorkloadRender.Render(cluster, w)));
    }
}
