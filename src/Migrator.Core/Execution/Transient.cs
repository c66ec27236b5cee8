using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>
/// AWS errors worth retrying: IAM/EKS eventual consistency ("Role provided in the request does not exist" right after
/// a role change, DOMAIN.md), throttling and server errors. Conflicts and validation errors are not retried.
/// </summary>
internal static class Transient
{
    public static bool Is(AwsApiException e) =>
        (e.ErrorCode == "InvalidParameterException" && e.AwsMessage.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        || e.ErrorCode is "Throttling" or "ThrottlingException" or "TooManyRequestsException" or "RequestLimitExceeded"
            or "ServiceUnavailable" or "ServiceUnavailableException" or "InternalFailure" or "ServerException"
        || e.StatusCode >= 500;
}
