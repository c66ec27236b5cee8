using System.Net;
using System.Text;
using System.Text.Json;
using Migrator.Aws.CloudTrail;
using Migrator.Aws.Configuration;
using Migrator.Core.Evidence;
using Migrator.Core.Ports;

namespace Migrator.Sandbox.Tests.Evidence;

/// <summary>
/// The client's LookupEvents requests against the CloudTrail API model: the parts of boto/botocore
/// botocore/data/cloudtrail/2013-11-01/service-2.json that LookupEvents uses (metadata, the operation, the request and
/// response shapes), checked on the requests the client really sends.
/// </summary>
public sealed class CloudTrailConformanceTests
{
    private const string Model = """
        {
          "metadata": { "apiVersion": "2013-11-01", "endpointPrefix": "cloudtrail", "jsonVersion": "1.1", "protocol": "json",
                        "signatureVersion": "v4", "targetPrefix": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101" },
          "operations": { "LookupEvents": { "http": { "method": "POST", "requestUri": "/" }, "input": { "shape": "LookupEventsRequest" } } },
          "shapes": {
            "LookupEventsRequest": { "members": { "LookupAttributes": "LookupAttributesList", "StartTime": "Date", "EndTime": "Date",
                                     "EventCategory": "EventCategory", "MaxResults": "MaxResults", "NextToken": "NextToken" } },
            "LookupAttribute": { "required": ["AttributeKey", "AttributeValue"], "members": { "AttributeKey": "LookupAttributeKey", "AttributeValue": "String" } },
            "LookupAttributeKey": { "enum": ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"] },
            "MaxResults": { "min": 1, "max": 50 },
            "LookupEventsResponse": { "members": { "Events": "EventsList", "NextToken": "NextToken" } },
            "Event": { "members": { "EventId": "String", "EventName": "String", "ReadOnly": "String", "AccessKeyId": "String", "EventTime": "Date",
                       "EventSource": "String", "Username": "String", "Resources": "ResourceList", "CloudTrailEvent": "String" } }
          }
        }
        """;

    private static readonly JsonElement Shapes = JsonDocument.Parse(Model).RootElement.GetProperty("shapes");
    private static readonly JsonElement Metadata = JsonDocument.Parse(Model).RootElement.GetProperty("metadata");

    [Fact]
    public async Task Every_LookupEvents_request_conforms_to_the_api_model_including_the_page_after_the_first()
    {
        var capture = new Capture();
        var client = new CloudTrailClient(new Factory(capture), new AwsEndpoints(new AwsOptions()));
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 30, 23, 59, 59, 500, TimeSpan.Zero);

        var uses = await client.LookupAsync(new AwsScope("111122223333", "eu-west-1"), CredentialUseKind.WebIdentity, from, to, default);

        Assert.Equal(2, capture.Requests.Count);
        foreach (var (request, body) in capture.Requests)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("https://cloudtrail.eu-west-1.amazonaws.com/", request.RequestUri!.ToString());
            Assert.Equal($"{Metadata.GetProperty("targetPrefix").GetString()}.LookupEvents", Assert.Single(request.Headers.GetValues("X-Amz-Target")));
            Assert.Equal($"application/x-amz-json-{Metadata.GetProperty("jsonVersion").GetString()}", request.Content!.Headers.ContentType!.ToString());
            var signing = request.Options.TryGetValue(Migrator.Aws.Http.AwsSigningScope.Key, out var scope) ? scope : null;
            Assert.Equal(new Migrator.Aws.Http.AwsSigningScope("111122223333", "eu-west-1", Metadata.GetProperty("endpointPrefix").GetString()!), signing);

            using var json = JsonDocument.Parse(body);
            var members = Shapes.GetProperty("LookupEventsRequest").GetProperty("members").EnumerateObject().Select(m => m.Name).ToHashSet();
            Assert.All(json.RootElement.EnumerateObject(), p => Assert.Contains(p.Name, members));
            var attribute = Assert.Single(json.RootElement.GetProperty("LookupAttributes").EnumerateArray());
            Assert.Equal(["AttributeKey", "AttributeValue"], attribute.EnumerateObject().Select(p => p.Name).Order());
            Assert.Contains(attribute.GetProperty("AttributeKey").GetString(), Shapes.GetProperty("LookupAttributeKey").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(("EventName", "AssumeRoleWithWebIdentity"), (attribute.GetProperty("AttributeKey").GetString(), attribute.GetProperty("AttributeValue").GetString()));
            // The JSON protocol's Date is epoch seconds.
            Assert.Equal(from.ToUnixTimeSeconds(), json.RootElement.GetProperty("StartTime").GetInt64());
            Assert.Equal(to.ToUnixTimeSeconds() + 1, json.RootElement.GetProperty("EndTime").GetInt64());
            Assert.InRange(json.RootElement.GetProperty("MaxResults").GetInt32(), Shapes.GetProperty("MaxResults").GetProperty("min").GetInt32(), Shapes.GetProperty("MaxResults").GetProperty("max").GetInt32());
        }
        Assert.False(JsonDocument.Parse(capture.Requests[0].Body).RootElement.TryGetProperty("NextToken", out _));
        Assert.Equal("page-2", JsonDocument.Parse(capture.Requests[1].Body).RootElement.GetProperty("NextToken").GetString());
        Assert.Equal(["e-1", "e-2"], uses.Select(u => u.EventId).Order());
    }

    [Fact]
    public void The_sandbox_serves_the_model_target()
    {
        var target = Migrator.Sandbox.Aws.CloudTrailApi.LookupEventsTarget;
        Assert.Equal($"{Metadata.GetProperty("targetPrefix").GetString()}.LookupEvents", target);
    }

    /// <summary>Answers two pages shaped as LookupEventsResponse (members of the model only) and records each request with its body.</summary>
    private sealed class Capture : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Requests.Add((request, body));
            var page = Requests.Count;
            var record = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["eventTime"] = "2026-11-30T08:00:0" + page + "Z", ["eventSource"] = "sts.amazonaws.com", ["eventName"] = "AssumeRoleWithWebIdentity",
                ["eventID"] = $"e-{page}", ["userIdentity"] = new { type = "WebIdentityUser", userName = "system:serviceaccount:a:b" },
                ["requestParameters"] = new { roleArn = "arn:aws:iam::111122223333:role/r" },
            });
            var @event = new Dictionary<string, object?>
            {
                ["EventId"] = $"e-{page}", ["EventName"] = "AssumeRoleWithWebIdentity", ["ReadOnly"] = "true", ["EventTime"] = 1_796_025_600 + page,
                ["EventSource"] = "sts.amazonaws.com", ["Username"] = "system:serviceaccount:a:b", ["Resources"] = Array.Empty<object>(), ["CloudTrailEvent"] = record,
            };
            var eventMembers = Shapes.GetProperty("Event").GetProperty("members").EnumerateObject().Select(m => m.Name).ToHashSet();
            Assert.All(@event.Keys, k => Assert.Contains(k, eventMembers));
            var response = new Dictionary<string, object?> { ["Events"] = new[] { @event } };
            if (page == 1)
                response["NextToken"] = "page-2";
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(response), Encoding.UTF8, "application/x-amz-json-1.1"),
            };
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
