using Migrator.Core.Inventory;

namespace Migrator.Core.Ports;

/// <summary>
/// Mints the bearer token EKS accepts, the way <c>aws eks get-token</c> does: <c>k8s-aws-v1.</c> + base64url of a
/// presigned STS GetCallerIdentity URL whose signed headers include <c>x-k8s-aws-id: CLUSTER</c>
/// (kubernetes-sigs/aws-iam-authenticator pkg/token/token.go). Signed with the cluster account's credentials.
/// </summary>
public interface IEksTokenSource
{
    Task<string> GetTokenAsync(ClusterRef cluster, CancellationToken ct);
}
