using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Migrator.Core.Ports;

namespace Migrator.Aws.Http;

/// <summary>Reads an AWS error response in either protocol: REST-JSON (x-amzn-ErrorType + message) or Query (XML ErrorResponse).</summary>
public static class AwsErrorReader
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
        "RequestThrottled", "RequestThrottledException", "SlowDown", "PriorRequestNotComplete",
    };

    public static bool IsThrottling(string code) => ThrottlingCodes.Contains(code);

    /// <summary>The error code and message of a failed response (reads and buffers the body).</summary>
    public static async Task<(string Code, string Message)> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(ct);
        string? code = null;
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var types))
        {
            // "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/"
            code = types.First().Split(':')[0];
        }

        var message = "";
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(trimmed);
                var root = json.RootElement;
                code ??= Text(root, "__type")?.Split('#').Last() ?? Text(root, "code");
                message = Text(root, "message") ?? Text(root, "Message") ?? "";
            }
            catch (JsonException)
            {
                message = body;
            }
        }
        else if (trimmed.StartsWith('<'))
        {
            try
            {
                var error = XDocument.Parse(trimmed).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                code ??= error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
            }
            catch (System.Xml.XmlException)
            {
                message = body;
            }
        }
        else
        {
            message = body;
        }

        code ??= response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => "TooManyRequestsException",
            HttpStatusCode.Forbidden => "AccessDenied",
            HttpStatusCode.NotFound => "NotFound",
            _ => $"Http{(int)response.StatusCode}",
        };
        return (code, message);
    }

    public static async Task<AwsApiException> ToExceptionAsync(string service, string operation, HttpResponseMessage response, CancellationToken ct)
    {
        var (code, message) = await ReadAsync(response, ct);
        return new AwsApiException(service, operation, (int)response.StatusCode, code, message);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
