using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>
/// The executor's one retry of its own: IAM→EKS eventual consistency. Right after a role is created or its trust is
/// written, EKS may answer CreatePodIdentityAssociation/UpdatePodIdentityAssociation with InvalidParameterException
/// "Role provided in the request does not exist" for seconds (DOMAIN.md). Such a call is retried up to
/// <see cref="ExecutionSettings.MaxAttempts"/> times, waiting <see cref="ExecutionSettings.RetryBaseDelay"/> doubled on
/// each attempt. Throttling, 5xx and timeouts are not retried here: the AWS adapter's resilience pipeline retries them
/// (Aws:Retry), once per call.
/// </summary>
internal static class IamEksEventualConsistency
{
    public static bool IsRoleNotYetVisible(AwsApiException e) =>
        e.ErrorCode == "InvalidParameterException" && e.AwsMessage.Contains("does not exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Backoff(ExecutionSettings settings, int attempt) => settings.RetryBaseDelay * Math.Pow(2, attempt - 1);
}
