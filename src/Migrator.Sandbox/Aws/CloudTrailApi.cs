using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Migrator.Core.Evidence;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// CloudTrail LookupEvents over AWS JSON 1.1, SigV4-signed (service "cloudtrail"), as the API model defines it
/// (botocore data/cloudtrail/2013-11-01/service-2.json): POST / with X-Amz-Target
/// com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents and Content-Type application/x-amz-json-1.1;
/// at most one lookup attribute; StartTime/EndTime epoch seconds; MaxResults 1..50 (default 50); NextToken valid only
/// with the same parameters. Answers the credential uses of <see cref="CredentialUsage"/> that CloudTrail has delivered
/// (<see cref="RealismOptions.CloudTrailDeliveryDelayMs"/>), for the caller's account and the signed region. Paced like
/// CloudTrail: <see cref="RealismOptions.CloudTrailLookupsPerSecond"/> per account and region, beyond which it answers
/// 400 ThrottlingException "Rate exceeded" (counted as throttled).
/// </summary>
public sealed class CloudTrailApi : ISandboxApi
{
    public const string LookupEventsTarget = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    private const string JsonContentType = "application/x-amz-json-1.1";
    private const string Operation = "LookupEvents";
    private readonly Lock _sync = new();
    private readonly Dictionary<(string, string), TokenBucket> _buckets = [];
    private readonly Dictionary<LookupKey, List<CredentialUsage.Use>> _lookups = [];
    private readonly Queue<LookupKey> _lookupOrder = new();
    private long _lookupsVersion = -1;
    private SandboxContext _sandbox = null!;

    public SandboxService Service => SandboxService.CloudTrail;

    public void Map(IEndpointRouteBuilder routes, SandboxContext context)
    {
        _sandbox = context;
        routes.MapPost("/", async (HttpContext h) => await (await HandleAsync(h)).ExecuteAsync(h));
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.", StringComparison.Ordinal) ? target[(target.LastIndexOf('.') + 1)..] : target;
        var body = await AwsCall.ReadBodyAsync(http);
        var (call, refusal) = await AwsCall.AdmitAsync(http, _sandbox, SandboxService.CloudTrail, operation.Length == 0 ? "(none)" : operation, body);
        if (refusal is not null)
            return Error(refusal.Status, JsonErrorCodes.Of(refusal.Code), refusal.Message);
        if (target != LookupEventsTarget)
            return Error(400, "UnknownOperationException", $"X-Amz-Target '{target}' is not an operation of this sandbox's CloudTrail (only LookupEvents is served)");
        if (http.Request.ContentType != JsonContentType)
            return Error(400, "SerializationException", $"Content-Type must be {JsonContentType}, not '{http.Request.ContentType}'");
        if (!TryTake(call!.Caller.AccountId, call.Region))
        {
            _sandbox.Counters.RecordThrottle(SandboxService.CloudTrail, Operation);
            return Error(400, "ThrottlingException", "Rate exceeded");
        }

        JsonObject request;
        try
        {
            request = JsonNode.Parse(body.Length == 0 ? "{}"u8 : body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return Error(400, "SerializationException", $"The request body is not a JSON object: {e.Message}");
        }
        return Lookup(call, request);
    }

    private IResult Lookup(AwsCall call, JsonObject request)
    {
        var unknown = request.Select(kv => kv.Key).Except(["LookupAttributes", "StartTime", "EndTime", "EventCategory", "MaxResults", "NextToken"], StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            return Error(400, "SerializationException", $"Unknown member(s) {string.Join(", ", unknown)} of LookupEventsRequest");
        var attributes = request["LookupAttributes"] as JsonArray ?? [];
        if (attributes.Count > 1)
            return Error(400, "InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
        string? eventName = null;
        if (attributes.Count == 1)
        {
            var key = attributes[0]?["AttributeKey"]?.GetValue<string>();
            eventName = attributes[0]?["AttributeValue"]?.GetValue<string>();
            if (key != "EventName" || string.IsNullOrEmpty(eventName))
                return Error(400, "InvalidLookupAttributesException", $"This sandbox looks up by AttributeKey EventName only, not '{key}'.");
        }
        var max = request["MaxResults"] is { } m ? m.GetValue<int>() : 50;
        if (max is < 1 or > 50)
            return Error(400, "InvalidMaxResultsException", "MaxResults must be from 1 to 50.");
        var now = call.Now;
        var start = request["StartTime"] is { } s ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s.GetValue<double>() * 1000)) : now.AddDays(-90);
        var end = request["EndTime"] is { } e ? DateTimeOffset.FromUnixTimeMilliseconds((long)(e.GetValue<double>() * 1000)) : now;
        if (start > end)
            return Error(400, "InvalidTimeRangeException", "StartTime must be before EndTime.");

        var fingerprint = StableId.Hex($"{eventName}/{start.ToUnixTimeMilliseconds()}/{end.ToUnixTimeMilliseconds()}/{max}", 12);
        var offset = 0;
        if (request["NextToken"]?.GetValue<string>() is { } token && !TryReadToken(token, fingerprint, out offset))
            return Error(400, "InvalidNextTokenException", "The NextToken is invalid or was issued for other parameters.");

        var options = _sandbox.Realism.Options;
        var delivered = now.AddMilliseconds(-options.CloudTrailDeliveryDelayMs);
        var kinds = eventName switch
        {
            CredentialUseEvents.WebIdentityEventName => [CredentialUseKind.WebIdentity],
            CredentialUseEvents.PodIdentityEventName => [CredentialUseKind.PodIdentity],
            null => new[] { CredentialUseKind.WebIdentity, CredentialUseKind.PodIdentity },
            _ => [],
        };
        var effectiveEnd = end < delivered ? end : delivered;
        // One lookup's events are computed once per estate version and paged from there: recomputing (and rendering) every
        // event of the region for each page of 50 made a sweep quadratic, hours for a 20,000-ServiceAccount estate.
        var (total, page) = _sandbox.State.Read((estate, version) =>
        {
            var uses = Matching(estate, version, new LookupKey(call.Caller.AccountId, call.Region, eventName, start, effectiveEnd), kinds, options.CredentialUseInterval);
            return (uses.Count, uses.Skip(offset).Take(max).Select(u => new JsonObject
            {
                ["EventId"] = u.EventId,
                ["EventName"] = CredentialUseEvents.EventName(u.Kind),
                ["ReadOnly"] = "true",
                ["EventTime"] = CredentialUsage.Truncate(u.Time).ToUnixTimeSeconds(),
                ["EventSource"] = CredentialUseEvents.EventSource(u.Kind),
                ["Username"] = u.Kind == CredentialUseKind.WebIdentity ? $"system:serviceaccount:{u.Pod.Namespace}:{u.Pod.ServiceAccountName}" : u.Pod.NodeName,
                ["Resources"] = new JsonArray(),
                ["CloudTrailEvent"] = CredentialUsage.Record(u, call.Region).ToJsonString(),
            }).ToList());
        });
        var response = new JsonObject { ["Events"] = new JsonArray([.. page]) };
        if (offset + max < total)
            response["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fingerprint}:{offset + max}"));
        return new JsonResult(200, response.ToJsonString());
    }

    private readonly record struct LookupKey(string Account, string Region, string? EventName, DateTimeOffset Start, DateTimeOffset End);

    /// <summary>
    /// The lookup's events, newest first, kept until the estate changes (called under the state's lock, with its version).
    /// The newest <see cref="MaxCachedLookups"/> lookups are kept: a sweep pages through one per account, region and event name.
    /// </summary>
    private List<CredentialUsage.Use> Matching(Estate estate, long version, LookupKey key, CredentialUseKind[] kinds, TimeSpan interval)
    {
        lock (_sync)
        {
            if (_lookupsVersion != version)
            {
                _lookups.Clear();
                _lookupOrder.Clear();
                _lookupsVersion = version;
            }
            if (_lookups.TryGetValue(key, out var cached))
                return cached;
        }
        var uses = kinds.SelectMany(k => CredentialUsage.Between(estate, key.Account, key.Region, k, key.Start, key.End, interval))
            .OrderByDescending(u => u.Time).ThenBy(u => u.EventId, StringComparer.Ordinal).ToList();
        lock (_sync)
        {
            if (_lookups.TryAdd(key, uses))
                _lookupOrder.Enqueue(key);
            while (_lookupOrder.Count > MaxCachedLookups)
                _lookups.Remove(_lookupOrder.Dequeue());
        }
        return uses;
    }

    private const int MaxCachedLookups = 128;

    private bool TryTake(string account, string region)
    {
        var rate = _sandbox.Realism.Options.CloudTrailLookupsPerSecond;
        if (rate <= 0)
            return true;
        lock (_sync)
        {
            var now = _sandbox.Time.GetTimestamp();
            if (!_buckets.TryGetValue((account, region), out var bucket))
                _buckets[(account, region)] = bucket = new TokenBucket(rate, Math.Max(1, Math.Ceiling(rate)), now);
            return bucket.TryTake(now, _sandbox.Time, out _);
        }
    }

    private static bool TryReadToken(string token, string fingerprint, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            return parts.Length == 2 && parts[0] == fingerprint && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A JSON 1.1 error: {"__type": CODE, "message": ...} with the x-amzn-RequestId header.</summary>
    private static IResult Error(int status, string code, string message) =>
        new JsonResult(status, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString());

    private sealed class JsonResult(int status, string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            httpContext.Response.ContentType = JsonContentType;
            await httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
