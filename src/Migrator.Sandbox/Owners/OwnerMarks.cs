using System.Globalization;

namespace Migrator.Sandbox;

/// <summary>
/// Owners' metadata on a generated estate (issue 16), as their tools leave it: Terraform (tag managed-by=terraform,
/// which the Migrator recognises once Owners:TerraformTags names it), eksctl (alpha.eksctl.io/* and its
/// eksctl-CLUSTER-addon-iamserviceaccount-NS-SA stack), CloudFormation (aws:cloudformation:stack-name/-id); Helm
/// (app.kubernetes.io/managed-by=Helm, meta.helm.sh/release-*), Argo CD (argocd.argoproj.io/tracking-id), Flux
/// (kustomize.toolkit.fluxcd.io/*). The mix: roles 50 % Terraform, 30 % eksctl, 10 % CloudFormation, 10 % none;
/// application ServiceAccounts with IRSA 45 % Helm, 35 % Argo CD, 10 % Flux, 10 % none. Each draw hashes the object's
/// name, so it does not depend on the order of generation and leaves the seeded sequence alone.
/// </summary>
public static class OwnerMarks
{
    public const string TerraformTagKey = "managed-by";
    public const string TerraformTagValue = "terraform";

    public static void Plant(Estate estate)
    {
        foreach (var account in estate.Accounts)
        {
            foreach (var role in account.Roles)
            {
                var user = FirstUser(estate, account.Id, role.Name);
                if (user is null)
                    continue; // access, cluster, node and add-on roles keep their metadata as generated
                var (cluster, sa) = user.Value;
                var draw = Draw($"role/{account.Id}/{role.Name}");
                // One owner per role: the generator's own tags (managed-by, alpha.eksctl.io) give way to the drawn owner's.
                foreach (var key in role.Tags.Keys.Where(k => k == TerraformTagKey || k.StartsWith("alpha.eksctl.io/", StringComparison.Ordinal)).ToList())
                    role.Tags.Remove(key);
                if (draw < 50)
                {
                    role.Tags[TerraformTagKey] = TerraformTagValue;
                }
                else if (draw < 80)
                {
                    var stack = $"eksctl-{cluster.Name}-addon-iamserviceaccount-{sa.Namespace}-{sa.Name}";
                    role.Tags["alpha.eksctl.io/cluster-name"] = cluster.Name;
                    role.Tags["alpha.eksctl.io/iamserviceaccount-name"] = $"{sa.Namespace}/{sa.Name}";
                    role.Tags["alpha.eksctl.io/eksctl-version"] = "0.190.0";
                    role.Tags["aws:cloudformation:stack-name"] = stack;
                    role.Tags["aws:cloudformation:logical-id"] = "Role1";
                    role.Tags["aws:cloudformation:stack-id"] = StackId(cluster, stack);
                }
                else if (draw < 90)
                {
                    var stack = $"iam-{sa.Namespace}";
                    role.Tags["aws:cloudformation:stack-name"] = stack;
                    role.Tags["aws:cloudformation:logical-id"] = "ServiceRole";
                    role.Tags["aws:cloudformation:stack-id"] = StackId(cluster, stack);
                }
            }
        }
        foreach (var cluster in estate.Clusters)
        {
            foreach (var sa in cluster.ServiceAccounts.Where(s => s.RoleArn is not null && s.Namespace != "kube-system"))
            {
                var draw = Draw($"sa/{cluster.Key}/{sa.Namespace}/{sa.Name}");
                if (draw < 45)
                {
                    sa.Labels["app.kubernetes.io/managed-by"] = "Helm";
                    sa.Labels["app.kubernetes.io/instance"] = sa.Name;
                    sa.Annotations["meta.helm.sh/release-name"] = sa.Name;
                    sa.Annotations["meta.helm.sh/release-namespace"] = sa.Namespace;
                }
                else if (draw < 80)
                {
                    sa.Labels["app.kubernetes.io/instance"] = $"{sa.Namespace}-{sa.Name}";
                    sa.Annotations["argocd.argoproj.io/tracking-id"] = $"{sa.Namespace}-{sa.Name}:/ServiceAccount:{sa.Namespace}/{sa.Name}";
                }
                else if (draw < 90)
                {
                    sa.Labels["kustomize.toolkit.fluxcd.io/name"] = sa.Namespace;
                    sa.Labels["kustomize.toolkit.fluxcd.io/namespace"] = "flux-system";
                }
            }
        }
    }

    /// <summary>0..99 from a name.</summary>
    private static int Draw(string name) => (int)(BitConverter.ToUInt32(StableId.Hash(name), 0) % 100);

    private static (Cluster Cluster, ServiceAccount Sa)? FirstUser(Estate estate, string accountId, string roleName)
    {
        foreach (var cluster in estate.Clusters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var sa = cluster.ServiceAccounts.FirstOrDefault(s => s.RoleArn is { } arn && IamArn.TryParseRole(arn, out var account, out _, out var name)
                && account == accountId && name == roleName);
            if (sa is not null)
                return (cluster, sa);
        }
        return null;
    }

    private static string StackId(Cluster cluster, string stack) =>
        string.Create(CultureInfo.InvariantCulture, $"arn:{cluster.Partition}:cloudformation:{cluster.Region}:{cluster.AccountId}:stack/{stack}/{StableId.Uuid("stack/" + stack)}");
}
