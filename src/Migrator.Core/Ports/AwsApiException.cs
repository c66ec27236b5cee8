namespace Migrator.Core.Ports;

/// <summary>An AWS API error, with the service's error code (e.g. ResourceInUseException, NoSuchEntity, Throttling).</summary>
public sealed class AwsApiException : Exception
{
    public AwsApiException(string service, string operation, int statusCode, string errorCode, string message)
        : base($"{service} {operation} failed: {errorCode}: {message} (HTTP {statusCode})")
    {
        Service = service;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        AwsMessage = message;
    }

    public AwsApiException() : this("", "", 0, "", "") { }
    public AwsApiException(string message) : base(message) { Service = Operation = ErrorCode = AwsMessage = ""; }
    public AwsApiException(string message, Exception inner) : base(message, inner) { Service = Operation = ErrorCode = AwsMessage = ""; }

    public string Service { get; }
    public string Operation { get; }
    public int StatusCode { get; }
    public string ErrorCode { get; }
    public string AwsMessage { get; }
}
