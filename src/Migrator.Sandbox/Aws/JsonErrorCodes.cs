namespace Migrator.Sandbox.Aws;

/// <summary>
/// The JSON protocols (EKS's REST-JSON, CloudTrail's JSON 1.1) name the authentication and availability errors
/// differently from the Query services (IAM, STS), whose names the signing checks produce.
/// </summary>
internal static class JsonErrorCodes
{
    public static string Of(string queryCode) => queryCode switch
    {
        "SignatureDoesNotMatch" => "InvalidSignatureException",
        "InvalidClientTokenId" => "UnrecognizedClientException",
        "ExpiredToken" => "ExpiredTokenException",
        "MissingAuthenticationToken" => "MissingAuthenticationTokenException",
        "IncompleteSignature" => "IncompleteSignatureException",
        "ServiceUnavailable" => "ServiceUnavailableException",
        _ => queryCode,
    };
}
