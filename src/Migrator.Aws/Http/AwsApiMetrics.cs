using System.Diagnostics.Metrics;

namespace Migrator.Aws.Http;

/// <summary>
/// Calls to the AWS APIs, counted per service (eks, iam, cloudtrail, sts) and outcome, and the throttled ones apart:
/// the worker's /metrics exports them (migrator_aws_api_calls_total, migrator_aws_api_throttles_total). Every attempt
/// counts, retries included, so throttling shows as it happens.
/// </summary>
public static class AwsApiMetrics
{
    public const string MeterName = "Migrator.Aws";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("migrator.aws.api.calls", description: "AWS API requests sent (every attempt), by service and outcome");
    private static readonly Counter<long> Throttles = Meter.CreateCounter<long>("migrator.aws.api.throttles", description: "AWS API requests answered with throttling (429, or a throttling error code), by service");

    static AwsApiMetrics()
    {
        // Every service's throttle series exists from the start at 0, so rate() and alerts see it before the first throttle.
        foreach (var service in new[] { "eks", "iam", "sts", "cloudtrail" })
            Throttles.Add(0, new KeyValuePair<string, object?>("service", service));
    }

    /// <summary>Records one attempt. <paramref name="outcome"/>: ok, throttled, client_error, server_error or no_response.</summary>
    public static void Record(string service, string outcome)
    {
        Calls.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == "throttled")
            Throttles.Add(1, new KeyValuePair<string, object?>("service", service));
    }
}
