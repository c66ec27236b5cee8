using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>What happens to the dependents of a deleted object (meta/v1 DeletionPropagation).</summary>
public enum DeletionPropagation
{
    /// <summary>The owner goes at once; the garbage collector deletes its dependents after (kubectl's default).</summary>
    Background,
    /// <summary>The owner waits (foregroundDeletion finalizer) until its blocking dependents are gone.</summary>
    Foreground,
    /// <summary>The dependents stay, their owner reference removed (the default of batch/v1 Jobs through the API).</summary>
    Orphan,
}

/// <summary>
/// meta/v1 DeleteOptions as the API server reads them: query parameters (propagationPolicy, gracePeriodSeconds,
/// orphanDependents, dryRun) and the request body (a DeleteOptions object, with preconditions). The body wins where
/// both are given, as in the API server's decoding.
/// </summary>
public sealed record KubeDeleteOptions(DeletionPropagation? Propagation, long? GracePeriodSeconds, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun)
{
    public static async Task<(KubeDeleteOptions? Options, string? Error)> ReadAsync(HttpRequest request)
    {
        var q = request.Query;
        string? propagation = q["propagationPolicy"].FirstOrDefault();
        string? orphan = q["orphanDependents"].FirstOrDefault();
        string? grace = q["gracePeriodSeconds"].FirstOrDefault();
        var dryRun = q.ContainsKey("dryRun");
        string? uid = null;
        string? rv = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            }
            catch (System.Text.Json.JsonException e)
            {
                return (null, $"error decoding DeleteOptions: {e.Message}");
            }

            if (body is JsonObject o)
            {
                propagation = Text(o["propagationPolicy"]) ?? propagation;
                orphan = o["orphanDependents"] is JsonValue ov && ov.TryGetValue<bool>(out var ob) ? (ob ? "true" : "false") : orphan;
                grace = o["gracePeriodSeconds"] is JsonValue gv && gv.TryGetValue<long>(out var g) ? g.ToString(CultureInfo.InvariantCulture) : grace;
                dryRun |= o["dryRun"] is JsonArray { Count: > 0 };
                uid = Text(o["preconditions"]?["uid"]);
                rv = Text(o["preconditions"]?["resourceVersion"]);
            }
        }

        DeletionPropagation? policy = null;
        if (!string.IsNullOrEmpty(propagation))
        {
            if (!Enum.TryParse<DeletionPropagation>(propagation, ignoreCase: false, out var p) || !Enum.IsDefined(p))
            {
                return (null, $"propagationPolicy: Unsupported value: \"{propagation}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
            }

            policy = p;
        }

        if (orphan is not null)
        {
            if (policy is not null)
            {
                return (null, "orphanDependents: Invalid value: \"" + orphan + "\": orphanDependents and propagationPolicy cannot both be set");
            }

            policy = orphan == "true" ? DeletionPropagation.Orphan : DeletionPropagation.Background;
        }

        long? graceSeconds = null;
        if (!string.IsNullOrEmpty(grace))
        {
            if (!long.TryParse(grace, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
            {
                return (null, $"gracePeriodSeconds: Invalid value: \"{grace}\": must be a non-negative integer");
            }

            graceSeconds = seconds;
        }

        return (new KubeDeleteOptions(policy, graceSeconds, uid, rv, dryRun), null);
    }

    /// <summary>Null when the preconditions hold for an object of this uid and resourceVersion; else which one does not.</summary>
    public string? Unmet(string? uid, string? resourceVersion) =>
        PreconditionUid is not null && PreconditionUid != uid
            ? $"Precondition failed: UID in precondition: {PreconditionUid}, UID in object meta: {uid}"
            : PreconditionResourceVersion is not null && PreconditionResourceVersion != resourceVersion
                ? $"Precondition failed: ResourceVersion in precondition: {PreconditionResourceVersion}, ResourceVersion in object meta: {resourceVersion}"
                : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
