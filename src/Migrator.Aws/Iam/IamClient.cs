using System.Text;
using System.Xml;
using System.Xml.Linq;
using Migrator.Aws.Configuration;
using Migrator.Aws.Http;
using Migrator.Core.Ports;

namespace Migrator.Aws.Iam;

/// <summary>
/// IAM over the Query protocol (form POST, Version=2010-05-08, XML answers) with SigV4 (service "iam", global per
/// partition). Lists follow IsTruncated/Marker; AssumeRolePolicyDocument comes URL-encoded and is decoded here.
/// </summary>
public sealed class IamClient(IHttpClientFactory httpClients, AwsEndpoints endpoints) : IIamApi
{
    public const string HttpClientName = "aws-iam";
    private const string Version = "2010-05-08";

    public async Task<RoleDescription?> GetRoleAsync(string accountId, string roleName, CancellationToken ct)
    {
        try
        {
            var result = await SendAsync(accountId, "GetRole", [("RoleName", roleName)], ct);
            return Role(Child(result, "Role") ?? throw Malformed("GetRole", "Role"));
        }
        catch (AwsApiException e) when (e.ErrorCode == "NoSuchEntity")
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<RoleDescription>> ListRolesAsync(string accountId, string? pathPrefix, CancellationToken ct)
    {
        List<(string, string)> parameters = pathPrefix is null ? [] : [("PathPrefix", pathPrefix)];
        return await PagesAsync(accountId, "ListRoles", parameters, "Roles", Role, ct);
    }

    /// <summary>The largest page IAM gives for GetAccountAuthorizationDetails (MaxItems 1..1000).</summary>
    public const int RoleDetailsPageSize = 1000;

    public async Task<IReadOnlyList<RoleDescription>> ListRoleDetailsAsync(string accountId, CancellationToken ct)
    {
        // Each page's roles are read as the page arrives, and the page let go: an account of 6,000 roles is six pages of
        // about 2 MB of XML each, whose element trees were all held until the last page came.
        return await PagesAsync(accountId, "GetAccountAuthorizationDetails",
            [("Filter.member.1", "Role"), ("MaxItems", RoleDetailsPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))], "RoleDetailList",
            m => Role(m) with { AttachedPolicies = Members(Child(m, "AttachedManagedPolicies")).Select(p => Value(p, "PolicyName") ?? "").ToList() }, ct);
    }

    public Task UpdateAssumeRolePolicyAsync(string accountId, string roleName, string policyDocument, CancellationToken ct) =>
        SendAsync(accountId, "UpdateAssumeRolePolicy", [("RoleName", roleName), ("PolicyDocument", policyDocument)], ct);

    public async Task<IReadOnlyList<string>> ListAttachedRolePolicyNamesAsync(string accountId, string roleName, CancellationToken ct)
    {
        return await PagesAsync(accountId, "ListAttachedRolePolicies", [("RoleName", roleName)], "AttachedPolicies", m => Value(m, "PolicyName") ?? "", ct);
    }

    public async Task<IReadOnlyDictionary<string, string>> ListRoleTagsAsync(string accountId, string roleName, CancellationToken ct)
    {
        var members = await PagesAsync(accountId, "ListRoleTags", [("RoleName", roleName)], "Tags", m => m, ct);
        return Tags(members);
    }

    public async Task<IReadOnlyList<OidcProviderDescription>> ListOidcProvidersAsync(string accountId, CancellationToken ct)
    {
        var list = await SendAsync(accountId, "ListOpenIDConnectProviders", [], ct);
        var arns = Members(Child(list, "OpenIDConnectProviderList")).Select(m => Value(m, "Arn")).OfType<string>().ToList();
        var providers = new List<OidcProviderDescription>(arns.Count);
        foreach (var arn in arns)
        {
            var p = await SendAsync(accountId, "GetOpenIDConnectProvider", [("OpenIDConnectProviderArn", arn)], ct);
            providers.Add(new OidcProviderDescription
            {
                Arn = arn,
                Url = Value(p, "Url") ?? "",
                ClientIds = Members(Child(p, "ClientIDList")).Select(m => m.Value).ToList(),
                Thumbprints = Members(Child(p, "ThumbprintList")).Select(m => m.Value).ToList(),
            });
        }

        return providers;
    }

    private static RoleDescription Role(XElement role) => new()
    {
        Arn = Value(role, "Arn") ?? "",
        Name = Value(role, "RoleName") ?? "",
        Path = Value(role, "Path") ?? "/",
        TrustPolicy = Uri.UnescapeDataString(Value(role, "AssumeRolePolicyDocument") ?? ""),
        Tags = Tags(Members(Child(role, "Tags"))),
        LastUsedAt = DateTimeOffset.TryParse(Value(Child(role, "RoleLastUsed"), "LastUsedDate"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var used) ? used : null,
        LastUsedRegion = Value(Child(role, "RoleLastUsed"), "Region"),
    };

    private static Dictionary<string, string> Tags(IEnumerable<XElement> members) =>
        members.ToDictionary(m => Value(m, "Key") ?? "", m => Value(m, "Value") ?? "", StringComparer.Ordinal);

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Value(XElement? parent, string name) => Child(parent, name)?.Value;

    private static IEnumerable<XElement> Members(XElement? list) => list?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    private static AwsApiException Malformed(string operation, string element) =>
        new("iam", operation, 200, "MalformedResponse", $"IAM answered without <{element}>.");

    /// <summary>Every page's members, each read into a <typeparamref name="T"/> as it arrives.</summary>
    private async Task<List<T>> PagesAsync<T>(string accountId, string action, List<(string Key, string Value)> parameters, string listElement,
        Func<XElement, T> read, CancellationToken ct)
    {
        var all = new List<T>();
        string? marker = null;
        do
        {
            var withMarker = marker is null ? parameters : [.. parameters, ("Marker", marker)];
            marker = await PageAsync(accountId, action, withMarker, listElement, member => all.Add(read(member)), ct);
        }
        while (marker is not null);

        return all;
    }

    /// <summary>
    /// POSTs one page's action and reads the answer from the network as it comes: each <c>member</c> of
    /// <paramref name="listElement"/> becomes its own small element tree, handed to <paramref name="member"/> and let
    /// go. A page of role details is about 2 MB of XML: buffered, it was copied into pooled arrays that stayed cached
    /// on the thread-pool threads after the inventory (about 15 MB at full size), and as one document it was a tree of
    /// several MB that outlived the young generations and was left as old-generation garbage.
    /// </summary>
    /// <returns>The marker of the next page, or null when this is the last.</returns>
    private async Task<string?> PageAsync(string accountId, string action, List<(string Key, string Value)> parameters, string listElement,
        Action<XElement> member, CancellationToken ct)
    {
        using var response = await PostAsync(accountId, action, parameters, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = XmlReader.Create(body, ReaderSettings);
        if (!await ToResultAsync(reader, action))
            return null;

        var (truncated, marker) = (false, (string?)null);
        var depth = reader.Depth;
        await reader.ReadAsync();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                await reader.ReadAsync();
            }
            else if (reader.LocalName == listElement && !reader.IsEmptyElement)
            {
                var listDepth = reader.Depth;
                await reader.ReadAsync();
                while (!reader.EOF && reader.Depth > listDepth)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "member")
                        member((XElement)await XNode.ReadFromAsync(reader, ct));
                    else
                        await reader.ReadAsync();
                }
            }
            else if (reader.LocalName is "IsTruncated" or "Marker" && !reader.IsEmptyElement)
            {
                var name = reader.LocalName;
                var text = await reader.ReadElementContentAsStringAsync();
                if (name == "IsTruncated") truncated = text == "true";
                else marker = text;
            }
            else
            {
                await reader.SkipAsync();
            }
        }

        return truncated ? marker : null;
    }

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        DtdProcessing = DtdProcessing.Prohibit,
    };

    /// <summary>Moves to the answer's <c>&lt;ActionResult&gt;</c> element; false when the answer has none or it is empty.</summary>
    private static async Task<bool> ToResultAsync(XmlReader reader, string action)
    {
        var result = action + "Result";
        while (await reader.ReadAsync())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == result)
                return !reader.IsEmptyElement;
        }

        return false;
    }

    /// <summary>POSTs one action and returns its <c>&lt;ActionResult&gt;</c> element.</summary>
    private async Task<XElement> SendAsync(string accountId, string action, List<(string Key, string Value)> parameters, CancellationToken ct)
    {
        using var response = await PostAsync(accountId, action, parameters, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var document = await XDocument.LoadAsync(body, LoadOptions.None, ct);
        return document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
            ?? new XElement(action + "Result");
    }

    /// <summary>
    /// Signs and POSTs one action; a failed answer becomes an <see cref="AwsApiException"/>. The answer's body is read by
    /// the caller from the network (not buffered first).
    /// </summary>
    private async Task<HttpResponseMessage> PostAsync(string accountId, string action, List<(string Key, string Value)> parameters, CancellationToken ct)
    {
        var (url, signingRegion) = endpoints.Iam(AwsEndpoints.Partition(endpoints.HomeRegion(accountId)));
        var form = new StringBuilder("Action=").Append(action).Append("&Version=").Append(Version);
        foreach (var (key, value) in parameters)
        {
            form.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new StringContent(form.ToString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        request.Options.Set(AwsSigningScope.Key, new AwsSigningScope(accountId, signingRegion, "iam"));

        var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
        {
            throw await AwsErrorReader.ToExceptionAsync("iam", action, response, ct);
        }
    }
}
