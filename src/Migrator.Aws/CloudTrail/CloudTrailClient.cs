using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Migrator.Aws.Configuration;
using Migrator.Aws.Http;
using Migrator.Core.Evidence;
using Migrator.Core.Ports;
using static Migrator.Aws.CloudTrail.CloudTrailWire;

namespace Migrator.Aws.CloudTrail;

/// <summary>
/// CloudTrail LookupEvents over AWS JSON 1.1 (POST /, X-Amz-Target, application/x-amz-json-1.1) with SigV4 (service
/// "cloudtrail", the account's region). One lookup attribute (EventName) per request, as the API allows; every page
/// (NextToken, MaxResults 50) is read. Requests are paced per account and region (<see cref="CloudTrailPacing"/>, a
/// handler inside the resilience pipeline, so retries are paced too). Each event's CloudTrailEvent record is read by
/// <see cref="CloudTrailRecord"/>; records that are not a credential use of the asked kind are left out.
/// </summary>
public sealed class CloudTrailClient(IHttpClientFactory httpClients, AwsEndpoints endpoints) : ICredentialUseEvents
{
    public const string HttpClientName = "aws-cloudtrail";

    public async Task<IReadOnlyList<CredentialUse>> LookupAsync(AwsScope scope, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await SweepAsync(scope, kind, from, to, int.MaxValue, null, ct)).Uses;

    /// <summary>
    /// Pages newest first until the window is read or <paramref name="maxPages"/> pages were: a stopped sweep covers from
    /// the second after its oldest event (that second's other events may be on the next page).
    /// </summary>
    public async Task<CredentialUseSweep> SweepAsync(AwsScope scope, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, int maxPages, Action? pageRead, CancellationToken ct)
    {
        var uses = new List<CredentialUse>();
        string? token = null;
        var attribute = new LookupAttribute("EventName", CredentialUseEvents.EventName(kind));
        // Whole seconds, widened: CloudTrail's event times have no fraction.
        var start = from.ToUnixTimeSeconds();
        var end = (to + TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1)).ToUnixTimeSeconds();
        var pages = 0;
        double? oldest = null;
        do
        {
            var page = await SendAsync(scope, new LookupEventsRequest([attribute], start, end, MaxResults, token), ct);
            pages++;
            pageRead?.Invoke();
            foreach (var e in page.Events ?? [])
            {
                if (e.EventTime is { } t && (oldest is null || t < oldest))
                    oldest = t;
                if (e.CloudTrailEvent is null)
                    continue;
                if (CloudTrailRecord.Parse(e.CloudTrailEvent, scope.Region) is { } use && use.Kind == kind)
                    uses.Add(use);
            }
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token) && pages < maxPages);
        var stopped = !string.IsNullOrEmpty(token);
        var covered = stopped && oldest is { } o ? DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(o) + 1) : from;
        return new CredentialUseSweep(uses.OrderByDescending(u => u.Time).ToList(), pages, covered < from ? from : covered, stopped);
    }

    private async Task<LookupEventsResponse> SendAsync(AwsScope scope, LookupEventsRequest body, CancellationToken ct)
    {
        const string operation = "LookupEvents";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoints.CloudTrail(scope.Region), "/"));
        request.Options.Set(AwsSigningScope.Key, new AwsSigningScope(scope.AccountId, scope.Region, "cloudtrail"));
        request.Headers.TryAddWithoutValidation("X-Amz-Target", Target);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw await AwsErrorReader.ToExceptionAsync("cloudtrail", operation, response, ct);
        return await response.Content.ReadFromJsonAsync<LookupEventsResponse>(Json, ct)
            ?? throw new AwsApiException("cloudtrail", operation, (int)response.StatusCode, "EmptyResponse", "CloudTrail answered with an empty body.");
    }
}
