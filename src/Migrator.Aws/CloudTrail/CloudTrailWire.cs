using System.Text.Json;
using System.Text.Json.Serialization;

namespace Migrator.Aws.CloudTrail;

/// <summary>
/// CloudTrail JSON 1.1 shapes of LookupEvents (boto/botocore data/cloudtrail/2013-11-01/service-2.json): members are
/// PascalCase, timestamps epoch seconds, LookupAttributes holds one attribute, MaxResults 1..50.
/// </summary>
internal static class CloudTrailWire
{
    public const string Target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    public const string ContentType = "application/x-amz-json-1.1";
    public const int MaxResults = 50;

    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
    };

    public sealed record LookupAttribute(string AttributeKey, string AttributeValue);

    public sealed record LookupEventsRequest(List<LookupAttribute> LookupAttributes, long StartTime, long EndTime, int MaxResults, string? NextToken);

    public sealed record LookupEventsResponse(List<Event>? Events, string? NextToken);

    public sealed record Event(string? EventId, string? EventName, string? ReadOnly, string? AccessKeyId, double? EventTime, string? EventSource,
        string? Username, List<Resource>? Resources, string? CloudTrailEvent);

    public sealed record Resource(string? ResourceType, string? ResourceName);
}
