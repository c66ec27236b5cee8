using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// EKS over REST-JSON, SigV4-signed (service "eks"). One endpoint serves every region: the region is the one the
/// request is signed for, and the caller's account picks the clusters (another account's clusters are not found).
/// </summary>
public sealed partial class EksApi : ISandboxApi
{
    private SandboxContext _sandbox = null!;

    public SandboxService Service => SandboxService.Eks;

    public void Map(IEndpointRouteBuilder routes, SandboxContext context)
    {
        _sandbox = context;
        routes.MapGet("/clusters", async (HttpContext h) => await (await Run(h, "ListClusters", ListClusters)).ExecuteAsync(h));
        routes.MapGet("/clusters/{name}", (HttpContext h, string name) => Run(h, "DescribeCluster", c => DescribeCluster(c, name)));
        routes.MapGet("/clusters/{name}/addons", (HttpContext h, string name) => Run(h, "ListAddons", c => ListAddons(c, name)));
        routes.MapPost("/clusters/{name}/addons", (HttpContext h, string name) => Run(h, "CreateAddon", c => CreateAddon(c, name)));
        routes.MapGet("/clusters/{name}/addons/{addon}", (HttpContext h, string name, string addon) => Run(h, "DescribeAddon", c => DescribeAddon(c, name, addon)));
        routes.MapPost("/clusters/{name}/addons/{addon}/update", (HttpContext h, string name, string addon) => Run(h, "UpdateAddon", c => UpdateAddon(c, name, addon)));
        routes.MapGet("/clusters/{name}/pod-identity-associations", (HttpContext h, string name) => Run(h, "ListPodIdentityAssociations", c => ListAssociations(c, name)));
        routes.MapPost("/clusters/{name}/pod-identity-associations", (HttpContext h, string name) => Run(h, "CreatePodIdentityAssociation", c => CreateAssociation(c, name)));
        routes.MapGet("/clusters/{name}/pod-identity-associations/{id}", (HttpContext h, string name, string id) =>
            Run(h, "DescribePodIdentityAssociation", c => DescribeAssociation(c, name, id)));
        routes.MapPost("/clusters/{name}/pod-identity-associations/{id}", (HttpContext h, string name, string id) =>
            Run(h, "UpdatePodIdentityAssociation", c => UpdateAssociation(c, name, id)));
        routes.MapDelete("/clusters/{name}/pod-identity-associations/{id}", (HttpContext h, string name, string id) =>
            Run(h, "DeletePodIdentityAssociation", c => DeleteAssociation(c, name, id)));
        routes.MapGet("/clusters/{name}/node-groups", (HttpContext h, string name) => Run(h, "ListNodegroups", c => ListNodegroups(c, name)));
        routes.MapGet("/clusters/{name}/node-groups/{nodegroup}", (HttpContext h, string name, string nodegroup) =>
            Run(h, "DescribeNodegroup", c => DescribeNodegroup(c, name, nodegroup)));
        routes.MapGet("/clusters/{name}/fargate-profiles", (HttpContext h, string name) => Run(h, "ListFargateProfiles", c => ListFargateProfiles(c, name)));
        routes.MapGet("/clusters/{name}/fargate-profiles/{profile}", (HttpContext h, string name, string profile) =>
            Run(h, "DescribeFargateProfile", c => DescribeFargateProfile(c, name, profile)));
    }

    private async Task<IResult> Run(HttpContext http, string operation, Func<EksCall, IResult> handle)
    {
        var body = await AwsCall.ReadBodyAsync(http);
        var (call, refusal) = await AwsCall.AdmitAsync(http, _sandbox, SandboxService.Eks, operation, body);
        if (refusal is not null)
        {
            return EksJson.Error(refusal.Status, JsonErrorCodes.Of(refusal.Code), refusal.Message, refusal.RetryAfter);
        }

        JsonElement? json = null;
        if (body.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(body).RootElement.Clone();
            }
            catch (JsonException e)
            {
                return EksJson.Error(400, "InvalidParameterException", $"The request body is not valid JSON: {e.Message}");
            }
        }

        try
        {
            return handle(new EksCall(call!, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal), json));
        }
        catch (EksError e)
        {
            return EksJson.Error(e.Status, e.Code, e.Message);
        }
    }

    private IResult ListClusters(EksCall call)
    {
        var names = _sandbox.State.Read(e => e.Clusters.Where(c => c.AccountId == call.Aws.Caller.AccountId && c.Region == call.Aws.Region)
            .Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).ToList());
        var (page, next) = Page(names, call);
        return EksJson.Ok(new { clusters = page, nextToken = next });
    }

    private IResult DescribeCluster(EksCall call, string name) => _sandbox.State.Read(e =>
    {
        var cluster = FindCluster(e, call, name);
        return EksJson.Ok(new { cluster = EksJson.Cluster(cluster, _sandbox.Endpoints.ClusterUrl(cluster), _sandbox.KubernetesCertificateAuthorityData) });
    });

    private IResult ListNodegroups(EksCall call, string name)
    {
        // Managed node groups only: Fargate, hybrid nodes and Auto Mode capacity are not node groups in EKS.
        var names = _sandbox.State.Read(e => FindCluster(e, call, name).Nodegroups.Where(n => n.ComputeType == ComputeType.Ec2).Select(n => n.Name).ToList());
        var (page, next) = Page(names, call);
        return EksJson.Ok(new { nodegroups = page, nextToken = next });
    }

    private IResult DescribeNodegroup(EksCall call, string name, string nodegroup) => _sandbox.State.Read(e =>
    {
        var cluster = FindCluster(e, call, name);
        var group = cluster.Nodegroups.Find(n => n.Name == nodegroup && n.ComputeType == ComputeType.Ec2)
            ?? throw new EksError(404, "ResourceNotFoundException", $"No node group found for name: {nodegroup}.");
        return EksJson.Ok(new { nodegroup = EksJson.Nodegroup(cluster, group) });
    });

    private IResult ListFargateProfiles(EksCall call, string name)
    {
        var names = _sandbox.State.Read(e => FindCluster(e, call, name).FargateProfiles.Select(f => f.Name).ToList());
        var (page, next) = Page(names, call);
        return EksJson.Ok(new { fargateProfileNames = page, nextToken = next });
    }

    private IResult DescribeFargateProfile(EksCall call, string name, string profile) => _sandbox.State.Read(e =>
    {
        var cluster = FindCluster(e, call, name);
        var found = cluster.FargateProfiles.Find(f => f.Name == profile)
            ?? throw new EksError(404, "ResourceNotFoundException", $"No Fargate Profile found with name: {profile}.");
        return EksJson.Ok(new { fargateProfile = EksJson.FargateProfile(cluster, found) });
    });

    private static Cluster FindCluster(Estate estate, EksCall call, string name) =>
        estate.FindCluster(call.Aws.Caller.AccountId, call.Aws.Region, name)
        ?? throw new EksError(404, "ResourceNotFoundException", $"No cluster found for name: {name}.");

    /// <summary>maxResults (1..100) and an opaque nextToken (base64 of the next index).</summary>
    private static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> all, EksCall call)
    {
        var max = 100;
        if (call.Query.TryGetValue("maxResults", out var maxText)
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 100))
        {
            throw new EksError(400, "InvalidParameterException", "maxResults must be between 1 and 100.");
        }

        var start = 0;
        if (call.Query.TryGetValue("nextToken", out var token) && token.Length > 0)
        {
            try
            {
                start = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new EksError(400, "InvalidParameterException", "The nextToken is not valid.");
            }
        }

        var page = all.Skip(start).Take(max).ToList();
        var next = start + page.Count;
        return (page, next < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture))) : null);
    }

    private sealed record EksCall(AwsCall Aws, IReadOnlyDictionary<string, string> Query, JsonElement? Body)
    {
        public string? Text(string name) =>
            Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public bool? Flag(string name) =>
            Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

        public string Required(string name) => Text(name) is { Length: > 0 } value ? value
            : throw new EksError(400, "InvalidParameterException", $"{name} is required.");
    }

    private sealed class EksError(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;
        public string Code { get; } = code;
    }
}
