using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>Kubernetes <c>Status</c> error objects (meta/v1), as the API server answers every failed request.</summary>
public static class KubeStatus
{
    public static IResult Failure(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return new KubeJsonResult(status, code, retryAfterSeconds);
    }

    public static IResult NotFound(KubeResource resource, string name) =>
        Failure(404, "NotFound", $"{resource.Qualified} \"{name}\" not found", Details(resource, name));

    public static IResult Conflict(KubeResource resource, string name) =>
        Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {resource.Qualified} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(resource, name));

    public static IResult AlreadyExists(KubeResource resource, string name) =>
        Failure(409, "AlreadyExists", $"{resource.Qualified} \"{name}\" already exists", Details(resource, name));

    public static IResult Forbidden(KubeResource resource, string name, string message) =>
        Failure(403, "Forbidden", $"{resource.Qualified} \"{name}\" is forbidden: {message}", Details(resource, name));

    /// <summary>A precondition of a delete (uid or resourceVersion) that does not hold: 409 Conflict, as the API server answers it.</summary>
    public static IResult PreconditionFailed(KubeResource resource, string name, string message) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {resource.Qualified} \"{name}\": {message}", Details(resource, name));

    /// <summary>What a delete that removed the object at once answers (status Success, the object's name, kind and uid).</summary>
    public static IResult Success(KubeResource resource, string name, string? uid)
    {
        var details = Details(resource, name);
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return new KubeJsonResult(new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        });
    }

    public static IResult Invalid(KubeResource resource, string name, string message) =>
        Failure(422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: {message}", Details(resource, name));

    public static IResult BadRequest(string message) => Failure(400, "BadRequest", message);

    public static IResult Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    public static IResult MethodNotAllowed() => Failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static IResult UnsupportedMediaType(string contentType) => Failure(415, "UnsupportedMediaType",
        $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})");

    public static IResult TooManyRequests(int retryAfterSeconds) => Failure(429, "TooManyRequests",
        "Too many requests, please try again later.",
        new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds }, retryAfterSeconds);

    public static IResult ServiceUnavailable() => Failure(503, "ServiceUnavailable",
        "the server is currently unable to handle the request", new JsonObject { ["retryAfterSeconds"] = 1 }, 1);

    public static IResult PageNotFound(string path) => Failure(404, "NotFound", "the server could not find the requested resource",
        new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = $"404 page not found: {path}" }) });

    private static JsonObject Details(KubeResource resource, string name)
    {
        var d = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            d["group"] = resource.Group;
        }

        d["kind"] = resource.Plural;
        return d;
    }
}

/// <summary>A JSON body with a status code (and Retry-After when throttled).</summary>
public sealed class KubeJsonResult(JsonNode body, int statusCode = 200, int? retryAfterSeconds = null) : IResult
{
    /// <summary>Escapes only what JSON requires (quotes as \", as the Go API server writes them), not HTML-sensitive characters.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await httpContext.Response.WriteAsync(body.ToJsonString(Wire), httpContext.RequestAborted);
    }
}
