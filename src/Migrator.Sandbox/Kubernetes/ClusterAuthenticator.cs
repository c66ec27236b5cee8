using Migrator.Sandbox.Aws;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// Who is calling a cluster's API: a static token of that cluster (the generated kubeconfig's), or an EKS
/// <c>k8s-aws-v1.</c> token (presigned STS GetCallerIdentity, <c>x-k8s-aws-id</c> = the cluster's name) signed by a
/// principal of the cluster's account. Anything else is 401, as EKS answers.
/// </summary>
public static class ClusterAuthenticator
{
    public static string? Authenticate(string? authorization, Cluster cluster, SandboxContext context)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[bearer.Length..].Trim();
        if (context.Credentials.TryResolveClusterToken(token, out var staticToken))
        {
            return staticToken.ClusterKey == cluster.Key ? staticToken.UserName : null;
        }

        if (!token.StartsWith(EksTokenVerifier.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var now = context.Time.GetUtcNow();
        var result = EksTokenVerifier.Verify(token, cluster.Name, key =>
            context.Credentials.TryGet(key, out var c) && !c.IsExpired(now)
                ? new SigningIdentity(c.AccessKeyId, c.SecretAccessKey, c.SessionToken, c.AccountId, c.PrincipalArn)
                : null, now);
        return result.Identity is { } identity && identity.AccountId == cluster.AccountId ? identity.Arn : null;
    }
}
