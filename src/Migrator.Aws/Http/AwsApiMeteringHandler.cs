using System.Net;

namespace Migrator.Aws.Http;

/// <summary>
/// Counts each attempt of one AWS API's HttpClient in <see cref="AwsApiMetrics"/>. It sits inside the resilience
/// pipeline (next to the wire), so every retry is counted and a throttled attempt is seen before it is retried.
/// </summary>
public sealed class AwsApiMeteringHandler(string clientName) : DelegatingHandler
{
    /// <summary>"aws-eks" → "eks".</summary>
    private readonly string service = clientName.StartsWith("aws-", StringComparison.Ordinal) ? clientName[4..] : clientName;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            // No answer: a network error, the attempt's timeout or a cancelled call.
            AwsApiMetrics.Record(service, "no_response");
            throw;
        }

        AwsApiMetrics.Record(service, await OutcomeAsync(response, cancellationToken));
        return response;
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            return "throttled";
        if (status < 400)
            return "ok";
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.ServiceUnavailable)
        {
            await response.Content.LoadIntoBufferAsync(ct);
            var (code, _) = await AwsErrorReader.ReadAsync(response, ct);
            if (AwsErrorReader.IsThrottling(code))
                return "throttled";
        }
        return status >= 500 ? "server_error" : "client_error";
    }
}
