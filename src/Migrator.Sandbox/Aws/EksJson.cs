using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Aws;

/// <summary>EKS REST-JSON renderings of the estate (docs.aws.amazon.com/eks/latest/APIReference): camelCase, epoch-second timestamps.</summary>
internal static class EksJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
    private static readonly ConcurrentDictionary<string, string> CertificateAuthorities = new(StringComparer.Ordinal);

    public static IResult Ok(object body) => Results.Json(body, Options);

    /// <summary>An EKS error: status, x-amzn-ErrorType header, {"message": ...} body (and Retry-After when throttled).</summary>
    public static IResult Error(int status, string code, string message, TimeSpan? retryAfter = null) => new ErrorResult(status, code, message, retryAfter);

    public static double Epoch(DateTimeOffset? time) => (time ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>
    /// A cluster as DescribeCluster returns it. <paramref name="certificateAuthorityData"/> is the CA the endpoint's
    /// certificate chains to (the sandbox's Kubernetes certificate over HTTPS); without one, a per-cluster CA that
    /// nothing serves with, so clients that only parse it still can.
    /// </summary>
    public static object Cluster(Cluster c, string endpoint, string? certificateAuthorityData) => new
    {
        name = c.Name,
        arn = c.Arn,
        createdAt = Epoch(c.CreatedAt),
        version = c.KubernetesVersion,
        endpoint,
        roleArn = c.RoleArn ?? $"arn:{c.Partition}:iam::{c.AccountId}:role/eks-cluster-role",
        resourcesVpcConfig = new { subnetIds = Array.Empty<string>(), securityGroupIds = Array.Empty<string>(), endpointPublicAccess = true, endpointPrivateAccess = false },
        kubernetesNetworkConfig = new { serviceIpv4Cidr = "10.100.0.0/16", ipFamily = "ipv4" },
        identity = new { oidc = new { issuer = c.OidcIssuer } },
        status = c.Status,
        certificateAuthority = new { data = certificateAuthorityData ?? CertificateAuthority(c.Key) },
        platformVersion = c.PlatformVersion,
        tags = c.Tags,
        accessConfig = new { authenticationMode = "API_AND_CONFIG_MAP" },
        computeConfig = new { enabled = c.AutoMode },
    };

    public static object Addon(Cluster c, Addon a) => new
    {
        addonName = a.Name,
        clusterName = c.Name,
        status = a.Status,
        addonVersion = a.Version,
        health = new { issues = Array.Empty<object>() },
        addonArn = a.ArnIn(c),
        createdAt = Epoch(a.CreatedAt),
        modifiedAt = Epoch(a.ModifiedAt ?? a.CreatedAt),
        serviceAccountRoleArn = a.ServiceAccountRoleArn,
        tags = new Dictionary<string, string>(),
        podIdentityAssociations = a.PodIdentityAssociations,
    };

    public static object AssociationSummary(Cluster c, PodIdentityAssociation a) => new
    {
        clusterName = c.Name,
        @namespace = a.Namespace,
        serviceAccount = a.ServiceAccount,
        associationArn = a.ArnIn(c),
        associationId = a.AssociationId,
        ownerArn = a.OwnerArn,
    };

    public static object Association(Cluster c, PodIdentityAssociation a) => new
    {
        clusterName = c.Name,
        @namespace = a.Namespace,
        serviceAccount = a.ServiceAccount,
        roleArn = a.RoleArn,
        associationArn = a.ArnIn(c),
        associationId = a.AssociationId,
        tags = a.Tags,
        createdAt = Epoch(a.CreatedAt),
        modifiedAt = Epoch(a.ModifiedAt ?? a.CreatedAt),
        ownerArn = a.OwnerArn,
        disableSessionTags = a.DisableSessionTags,
        targetRoleArn = a.TargetRoleArn,
        externalId = a.TargetRoleArn is not null && a.DisableSessionTags ? $"{c.Region}/{c.AccountId}/{c.Name}/{a.Namespace}/{a.ServiceAccount}" : null,
    };

    public static object Nodegroup(Cluster c, Nodegroup n) => new
    {
        nodegroupName = n.Name,
        nodegroupArn = $"arn:{c.Partition}:eks:{c.Region}:{c.AccountId}:nodegroup/{c.Name}/{n.Name}/{StableId.Uuid($"ng/{c.Key}/{n.Name}")}",
        clusterName = c.Name,
        version = c.KubernetesVersion,
        releaseVersion = $"{c.KubernetesVersion}.0-20250101",
        createdAt = Epoch(n.CreatedAt),
        modifiedAt = Epoch(n.CreatedAt),
        status = "ACTIVE",
        capacityType = n.CapacityType,
        scalingConfig = new { minSize = n.NodeCount, maxSize = Math.Max(1, n.NodeCount), desiredSize = n.NodeCount },
        instanceTypes = new[] { n.InstanceType ?? (n.Arch == NodeArch.Arm64 ? "m7g.large" : "m5.large") },
        subnets = Array.Empty<string>(),
        amiType = n.EffectiveAmiType,
        nodeRole = n.NodeRoleArn,
        labels = n.Labels,
        taints = Array.Empty<object>(),
        health = new { issues = Array.Empty<object>() },
        tags = new Dictionary<string, string>(),
    };

    public static object FargateProfile(Cluster c, FargateProfile f) => new
    {
        fargateProfileName = f.Name,
        fargateProfileArn = $"arn:{c.Partition}:eks:{c.Region}:{c.AccountId}:fargateprofile/{c.Name}/{f.Name}/{StableId.Uuid($"fp/{c.Key}/{f.Name}")}",
        clusterName = c.Name,
        createdAt = Epoch(f.CreatedAt),
        podExecutionRoleArn = f.PodExecutionRoleArn,
        subnets = Array.Empty<string>(),
        selectors = f.Selectors.Select(s => new { @namespace = s.Namespace, labels = s.Labels }),
        status = f.Status,
        tags = new Dictionary<string, string>(),
    };

    /// <summary>A real (self-signed) CA certificate per cluster, base64 PEM, so clients that parse it can.</summary>
    private static string CertificateAuthority(string clusterKey) => CertificateAuthorities.GetOrAdd(clusterKey, _ =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(80));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"));
    });

    private sealed class ErrorResult(int status, string code, string message, TimeSpan? retryAfter) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["x-amzn-ErrorType"] = code;
            httpContext.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            httpContext.Response.ContentType = "application/json";
            await httpContext.Response.WriteAsync(JsonSerializer.Serialize(new { message }, Options), httpContext.RequestAborted);
        }
    }
}
