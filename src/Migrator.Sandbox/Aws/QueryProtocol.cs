using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// The AWS Query protocol as IAM and STS speak it: parameters from the query string and the form body, answers as
/// <c>&lt;ActionResponse&gt;&lt;ActionResult/&gt;&lt;ResponseMetadata/&gt;</c> XML, errors as <c>&lt;ErrorResponse&gt;</c>.
/// </summary>
internal static class QueryProtocol
{
    public static Dictionary<string, string> Parameters(HttpContext http, byte[] body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string raw)
        {
            foreach (var part in raw.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var key = Decode(eq < 0 ? part : part[..eq]);
                parameters[key] = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            }
        }

        Add(http.Request.QueryString.Value ?? "");
        if (http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            Add(Encoding.UTF8.GetString(body));
        }

        return parameters;
    }

    /// <summary>Form encoding: '+' is a space, then percent-decoding.</summary>
    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    public static IResult Response(XNamespace ns, string action, params object?[] result)
    {
        var root = new XElement(ns + (action + "Response"));
        if (result.Length > 0)
        {
            root.Add(new XElement(ns + (action + "Result"), result));
        }

        root.Add(new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", Guid.NewGuid().ToString())));
        return Xml(200, root);
    }

    public static IResult Error(XNamespace ns, int status, string code, string message, TimeSpan? retryAfter = null)
    {
        var root = new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error",
                new XElement(ns + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(ns + "Code", code),
                new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", Guid.NewGuid().ToString()));
        return Xml(status, root, retryAfter);
    }

    public static string Timestamp(DateTimeOffset? time) =>
        (time ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A page of a Marker-paged list: the Marker is the index of the next item.</summary>
    public static (List<T> Page, string? NextMarker) Page<T>(IReadOnlyList<T> all, IReadOnlyDictionary<string, string> parameters, int defaultMax = 100)
    {
        var start = parameters.TryGetValue("Marker", out var marker) && int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var max = parameters.TryGetValue("MaxItems", out var maxText) && int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var mx) ? mx : defaultMax;
        var page = all.Skip(start).Take(max).ToList();
        var next = start + page.Count;
        return (page, next < all.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static IResult Xml(int status, XElement root, TimeSpan? retryAfter = null) => new XmlResult(status, root, retryAfter);

    private sealed class XmlResult(int status, XElement root, TimeSpan? retryAfter) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/xml";
            httpContext.Response.Headers["x-amzn-RequestId"] = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value ?? "";
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await httpContext.Response.WriteAsync(new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.DisableFormatting),
                httpContext.RequestAborted);
        }
    }
}
