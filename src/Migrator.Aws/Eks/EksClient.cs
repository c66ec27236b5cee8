using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Migrator.Aws.Configuration;
using Migrator.Aws.Http;
using Migrator.Core.Ports;
using static Migrator.Aws.Eks.EksWire;

namespace Migrator.Aws.Eks;

/// <summary>
/// EKS over REST-JSON with SigV4 (service name "eks"). List operations follow nextToken to the end with
/// maxResults=100; errors become <see cref="AwsApiException"/> with the x-amzn-ErrorType code.
/// </summary>
public sealed class EksClient(IHttpClientFactory httpClients, AwsEndpoints endpoints) : IEksApi
{
    public const string HttpClientName = "aws-eks";
    private const int PageSize = 100;
    private const int DescribesInFlight = 4;

    public Task<IReadOnlyList<string>> ListClustersAsync(AwsScope scope, CancellationToken ct) =>
        PagesAsync<ListClustersResponse, string>(scope, "ListClusters", "/clusters", [], r => r.Clusters, r => r.NextToken, ct);

    public async Task<ClusterDescription> DescribeClusterAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        var c = (await SendAsync<DescribeClusterResponse>(scope, "DescribeCluster", HttpMethod.Get, Path("clusters", clusterName), null, ct)).Cluster;
        return new ClusterDescription
        {
            Name = c.Name,
            Arn = c.Arn,
            Version = c.Version ?? "",
            PlatformVersion = c.PlatformVersion ?? "",
            Status = c.Status ?? "",
            Endpoint = c.Endpoint ?? "",
            CertificateAuthorityData = c.CertificateAuthority?.Data,
            OidcIssuer = c.Identity?.Oidc?.Issuer,
            AutoMode = c.ComputeConfig?.Enabled ?? false,
        };
    }

    public Task<IReadOnlyList<string>> ListAddonsAsync(AwsScope scope, string clusterName, CancellationToken ct) =>
        PagesAsync<ListAddonsResponse, string>(scope, "ListAddons", Path("clusters", clusterName, "addons"), [], r => r.Addons, r => r.NextToken, ct);

    public async Task<AddonDescription?> DescribeAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct)
    {
        try
        {
            var response = await SendAsync<AddonResponse>(scope, "DescribeAddon", HttpMethod.Get, Path("clusters", clusterName, "addons", addonName), null, ct);
            return Map(response.Addon);
        }
        catch (AwsApiException e) when (e.ErrorCode == "ResourceNotFoundException" && !e.AwsMessage.StartsWith("No cluster found", StringComparison.Ordinal))
        {
            // The add-on is not installed; a missing cluster is a real error and stays one.
            return null;
        }
    }

    public async Task<AddonDescription> CreateAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct)
    {
        var request = new CreateAddonRequest(addonName, Guid.NewGuid().ToString(), null);
        var response = await SendAsync<AddonResponse>(scope, "CreateAddon", HttpMethod.Post, Path("clusters", clusterName, "addons"), request, ct);
        return Map(response.Addon);
    }

    public async Task UpdateAddonPodIdentityAsync(AwsScope scope, string clusterName, string addonName, IReadOnlyList<AddonPodIdentity> associations,
        CancellationToken ct)
    {
        var request = new UpdateAddonRequest(Guid.NewGuid().ToString(), associations.Select(a => new AddonPodIdentityAssociation(a.ServiceAccount, a.RoleArn)).ToList());
        await SendAsync<UpdateResponse>(scope, "UpdateAddon", HttpMethod.Post, Path("clusters", clusterName, "addons", addonName, "update"), request, ct);
    }

    public async Task<IReadOnlyList<Core.Ports.AssociationSummary>> ListPodIdentityAssociationsAsync(AwsScope scope, string clusterName, string? @namespace,
        string? serviceAccount, CancellationToken ct)
    {
        var filters = new List<(string, string)>();
        if (@namespace is not null)
        {
            filters.Add(("namespace", @namespace));
        }

        if (serviceAccount is not null)
        {
            filters.Add(("serviceAccount", serviceAccount));
        }

        var summaries = await PagesAsync<ListAssociationsResponse, EksWire.AssociationSummary>(scope, "ListPodIdentityAssociations",
            Path("clusters", clusterName, "pod-identity-associations"), filters, r => r.Associations, r => r.NextToken, ct);
        return summaries.Select(s => new Core.Ports.AssociationSummary(s.AssociationId, s.AssociationArn, s.Namespace, s.ServiceAccount, s.OwnerArn)).ToList();
    }

    public async Task<AssociationDescription> DescribePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct) =>
        Map((await SendAsync<AssociationResponse>(scope, "DescribePodIdentityAssociation", HttpMethod.Get,
            Path("clusters", clusterName, "pod-identity-associations", associationId), null, ct)).Association);

    public async Task<AssociationDescription> CreatePodIdentityAssociationAsync(AwsScope scope, Core.Ports.CreateAssociationRequest request, CancellationToken ct)
    {
        var body = new EksWire.CreateAssociationRequest(request.Namespace, request.ServiceAccount, request.RoleArn,
            request.ClientRequestToken ?? Guid.NewGuid().ToString(), request.Tags.Count == 0 ? null : new Dictionary<string, string>(request.Tags),
            request.DisableSessionTags ? true : null, request.TargetRoleArn);
        return Map((await SendAsync<AssociationResponse>(scope, "CreatePodIdentityAssociation", HttpMethod.Post,
            Path("clusters", request.ClusterName, "pod-identity-associations"), body, ct)).Association);
    }

    public async Task<AssociationDescription> UpdatePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, string roleArn,
        string? targetRoleArn, bool? disableSessionTags, CancellationToken ct)
    {
        var body = new UpdateAssociationRequest(roleArn, Guid.NewGuid().ToString(), disableSessionTags, targetRoleArn);
        return Map((await SendAsync<AssociationResponse>(scope, "UpdatePodIdentityAssociation", HttpMethod.Post,
            Path("clusters", clusterName, "pod-identity-associations", associationId), body, ct)).Association);
    }

    public Task DeletePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct) =>
        SendAsync<AssociationResponse>(scope, "DeletePodIdentityAssociation", HttpMethod.Delete,
            Path("clusters", clusterName, "pod-identity-associations", associationId), null, ct);

    public async Task<IReadOnlyList<NodegroupDescription>> ListNodegroupsAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        var names = await PagesAsync<ListNodegroupsResponse, string>(scope, "ListNodegroups", Path("clusters", clusterName, "node-groups"), [],
            r => r.Nodegroups, r => r.NextToken, ct);
        return await DescribeEachAsync(names, async name =>
        {
            var n = (await SendAsync<DescribeNodegroupResponse>(scope, "DescribeNodegroup", HttpMethod.Get, Path("clusters", clusterName, "node-groups", name), null, ct)).Nodegroup;
            return new NodegroupDescription(n.NodegroupName, n.NodeRole, n.AmiType ?? "", n.CapacityType ?? "", n.Labels ?? new Dictionary<string, string>());
        }, ct);
    }

    public async Task<IReadOnlyList<FargateProfileDescription>> ListFargateProfilesAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        var names = await PagesAsync<ListFargateProfilesResponse, string>(scope, "ListFargateProfiles", Path("clusters", clusterName, "fargate-profiles"), [],
            r => r.FargateProfileNames, r => r.NextToken, ct);
        return await DescribeEachAsync(names, async name =>
        {
            var p = (await SendAsync<DescribeFargateProfileResponse>(scope, "DescribeFargateProfile", HttpMethod.Get,
                Path("clusters", clusterName, "fargate-profiles", name), null, ct)).FargateProfile;
            return new FargateProfileDescription(p.FargateProfileName, (p.Selectors ?? []).Select(s => s.Namespace).OfType<string>().ToList());
        }, ct);
    }

    /// <summary>
    /// One describe per name, <see cref="DescribesInFlight"/> at a time (the API's own pacing and concurrency limit
    /// still apply): a cluster's node groups cost a few round trips instead of one each. Results in name order; the
    /// first failure is thrown once the describes in flight have ended.
    /// </summary>
    private static async Task<IReadOnlyList<T>> DescribeEachAsync<T>(IReadOnlyList<string> names, Func<string, Task<T>> describe, CancellationToken ct)
    {
        var results = new T[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = DescribesInFlight, CancellationToken = ct },
            async (i, _) => results[i] = await describe(names[i]));
        return results;
    }

    private static AddonDescription Map(Addon a) => new()
    {
        Name = a.AddonName,
        Version = a.AddonVersion ?? "",
        Status = a.Status ?? "",
        ServiceAccountRoleArn = a.ServiceAccountRoleArn,
        Arn = a.AddonArn ?? "",
        PodIdentityAssociationArns = a.PodIdentityAssociations ?? [],
    };

    private static AssociationDescription Map(Association a) => new()
    {
        AssociationId = a.AssociationId,
        AssociationArn = a.AssociationArn,
        ClusterName = a.ClusterName,
        Namespace = a.Namespace,
        ServiceAccount = a.ServiceAccount,
        RoleArn = a.RoleArn,
        TargetRoleArn = a.TargetRoleArn,
        DisableSessionTags = a.DisableSessionTags ?? false,
        OwnerArn = a.OwnerArn,
        CreatedAt = a.CreatedAt is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null,
        Tags = a.Tags ?? [],
    };

    private static string Path(params string[] segments) => "/" + string.Join('/', segments.Select(Uri.EscapeDataString));

    private async Task<IReadOnlyList<TItem>> PagesAsync<TPage, TItem>(AwsScope scope, string operation, string path, List<(string Key, string Value)> filters,
        Func<TPage, List<TItem>?> items, Func<TPage, string?> next, CancellationToken ct)
    {
        var all = new List<TItem>();
        string? token = null;
        do
        {
            var query = new StringBuilder("?maxResults=").Append(PageSize);
            foreach (var (key, value) in filters)
            {
                query.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }

            if (token is not null)
            {
                query.Append("&nextToken=").Append(Uri.EscapeDataString(token));
            }

            var page = await SendAsync<TPage>(scope, operation, HttpMethod.Get, path + query, null, ct);
            all.AddRange(items(page) ?? []);
            token = next(page);
        }
        while (!string.IsNullOrEmpty(token));

        return all;
    }

    private async Task<T> SendAsync<T>(AwsScope scope, string operation, HttpMethod method, string pathAndQuery, object? body, CancellationToken ct)
    {
        var baseUrl = endpoints.Eks(scope.Region);
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, baseUrl.AbsolutePath.TrimEnd('/') + pathAndQuery));
        request.Options.Set(AwsSigningScope.Key, new AwsSigningScope(scope.AccountId, scope.Region, "eks"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        // The body is read from the network by the JSON reader, not buffered into pooled arrays first.
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorReader.ToExceptionAsync("eks", operation, response, ct);
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            throw new AwsApiException("eks", operation, 204, "EmptyResponse", "EKS answered without a body.");
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, ct)
            ?? throw new AwsApiException("eks", operation, (int)response.StatusCode, "EmptyResponse", "EKS answered with an empty body.");
    }
}
