using System.Diagnostics.Metrics;
using System.Net;

namespace Migrator.Kubernetes;

/// <summary>
/// Counts each request to a cluster's API server (every attempt, retries included) and the throttled ones (429) for the
/// worker's /metrics: migrator_kubernetes_api_calls_total{outcome}, migrator_kubernetes_api_throttles_total.
/// </summary>
public sealed class KubernetesApiMetering : DelegatingHandler
{
    public const string MeterName = "Migrator.Kubernetes";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("migrator.kubernetes.api.calls", description: "Kubernetes API requests sent (every attempt), by outcome");
    private static readonly Counter<long> Throttles = Meter.CreateCounter<long>("migrator.kubernetes.api.throttles", description: "Kubernetes API requests answered 429 Too Many Requests");

    // The throttle series exists from the start at 0, so rate() and alerts see it before the first throttle.
    static KubernetesApiMetering() => Throttles.Add(0);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            Record("no_response");
            throw;
        }

        var status = (int)response.StatusCode;
        Record(response.StatusCode == HttpStatusCode.TooManyRequests ? "throttled" : status < 400 ? "ok" : status >= 500 ? "server_error" : "client_error");
        return response;
    }

    private static void Record(string outcome)
    {
        Calls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "throttled")
            Throttles.Add(1);
    }
}
