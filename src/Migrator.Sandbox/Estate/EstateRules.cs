using System.Text.Json;
using System.Text.RegularExpressions;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>The estate's meaning: references resolve, names are unique where AWS and Kubernetes require it, values are well-formed.</summary>
internal static partial class EstateRules
{
    private static readonly string[] Partitions = ["aws", "aws-cn", "aws-us-gov"];

    public static void Check(Estate estate, string file, List<EstateError> errors)
    {
        void Error(string path, string problem, string fix) => errors.Add(new EstateError(file, path, problem, fix));

        if (estate.FormatVersion != Estate.CurrentFormatVersion)
            Error("$.formatVersion", $"format version {estate.FormatVersion} is not supported", $"set \"formatVersion\": {Estate.CurrentFormatVersion}");
        if (estate.Accounts.Count == 0)
            Error("$.accounts", "the estate has no accounts", "add at least one account (the first holds the operator's credentials)");

        var accountIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var a = 0; a < estate.Accounts.Count; a++)
        {
            var account = estate.Accounts[a];
            var ap = $"$.accounts[{a}]";
            if (!AccountId().IsMatch(account.Id))
                Error($"{ap}.id", $"'{account.Id}' is not an AWS account id", "use exactly 12 digits, e.g. \"111122223333\"");
            if (!accountIds.TryAdd(account.Id, a))
                Error($"{ap}.id", $"account {account.Id} is already defined at $.accounts[{accountIds[account.Id]}]", "merge the two accounts or change one id");
            if (!Partitions.Contains(account.Partition))
                Error($"{ap}.partition", $"'{account.Partition}' is not an AWS partition", "use aws, aws-cn or aws-us-gov");
            for (var r = 0; r < account.Regions.Count; r++)
            {
                var region = account.Regions[r];
                if (!Region().IsMatch(region))
                    Error($"{ap}.regions[{r}]", $"'{region}' is not a region name", "use a region code such as us-east-1 or cn-north-1");
                else if (Cluster.PartitionOf(region) != account.Partition)
                    Error($"{ap}.regions[{r}]", $"region {region} belongs to partition {Cluster.PartitionOf(region)}, but the account is in {account.Partition}",
                        $"set \"partition\": \"{Cluster.PartitionOf(region)}\" or move the region to an account of that partition");
            }
            CheckRoles(account, ap, Error);
            CheckOidcProviders(account, ap, Error);
        }

        var clusterKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < estate.Clusters.Count; c++)
        {
            var cluster = estate.Clusters[c];
            var cp = $"$.clusters[{c}]";
            var account = estate.FindAccount(cluster.AccountId);
            if (account is null)
                Error($"{cp}.accountId", $"unknown account '{cluster.AccountId}'",
                    $"add the account to $.accounts or use one of: {string.Join(", ", estate.Accounts.Select(x => x.Id))}");
            else if (!account.Regions.Contains(cluster.Region))
                Error($"{cp}.region", $"region {cluster.Region} is not among account {account.Id}'s regions ({string.Join(", ", account.Regions)})",
                    $"add \"{cluster.Region}\" to the account's regions or fix the cluster's region");
            if (!ClusterName().IsMatch(cluster.Name))
                Error($"{cp}.name", $"'{cluster.Name}' is not a valid EKS cluster name", "use 1-100 letters, digits, hyphens and underscores, starting with a letter or digit");
            if (!clusterKeys.TryAdd(cluster.Key, c))
                Error($"{cp}.name", $"duplicate cluster {cluster.Name} in account {cluster.AccountId} region {cluster.Region} (first at $.clusters[{clusterKeys[cluster.Key]}])",
                    "cluster names are unique per account and region: rename one or remove the duplicate");
            if (!KubernetesVersion().IsMatch(cluster.KubernetesVersion))
                Error($"{cp}.kubernetesVersion", $"'{cluster.KubernetesVersion}' is not a Kubernetes minor version", "write it like \"1.31\"");
            if (!PlatformVersion().IsMatch(cluster.PlatformVersion))
                Error($"{cp}.platformVersion", $"'{cluster.PlatformVersion}' is not an EKS platform version", "write it like \"eks.4\"");
            if (cluster.OidcIssuer is { } issuer && !issuer.StartsWith("https://", StringComparison.Ordinal))
                Error($"{cp}.oidcIssuer", $"issuer '{issuer}' must be an https URL", "write it like \"https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF\" or leave it out to derive one");
            CheckCompute(cluster, cp, Error);
            CheckAssociations(cluster, cp, Error);
            CheckKubernetes(cluster, cp, Error);
        }
    }

    private static void CheckRoles(Account account, string ap, Action<string, string, string> error)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < account.Roles.Count; r++)
        {
            var role = account.Roles[r];
            var rp = $"{ap}.roles[{r}]";
            if (!RoleName().IsMatch(role.Name))
                error($"{rp}.name", $"'{role.Name}' is not a valid IAM role name", "use 1-64 characters from letters, digits and +=,.@_-");
            if (!names.TryAdd(role.Name, r))
                error($"{rp}.name", $"role {role.Name} is already defined at {ap}.roles[{names[role.Name]}] (IAM role names are unique per account, ignoring case)", "rename or remove one");
            if (!role.Path.StartsWith('/') || !role.Path.EndsWith('/'))
                error($"{rp}.path", $"path '{role.Path}' must start and end with '/'", "write it like \"/\" or \"/service-roles/\"");
            try
            {
                using var doc = JsonDocument.Parse(role.TrustPolicy);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Statement", out _))
                    error($"{rp}.trustPolicy", "the trust policy has no Statement", "give a policy document {\"Version\":\"2012-10-17\",\"Statement\":[...]}");
            }
            catch (JsonException e)
            {
                error($"{rp}.trustPolicy", $"the trust policy is not valid JSON (line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1} of the document)",
                    "IAM stores only valid policy documents: correct the JSON inside the string");
            }
        }
    }

    private static void CheckOidcProviders(Account account, string ap, Action<string, string, string> error)
    {
        var urls = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < account.OidcProviders.Count; p++)
        {
            var url = OidcProvider.NormalizeUrl(account.OidcProviders[p].Url);
            if (url.Length == 0 || url.Contains("://", StringComparison.Ordinal))
                error($"{ap}.oidcProviders[{p}].url", $"'{account.OidcProviders[p].Url}' is not an issuer URL", "write the issuer's host/path, e.g. \"oidc.eks.us-east-1.amazonaws.com/id/ABC...\"");
            if (!urls.TryAdd(url, p))
                error($"{ap}.oidcProviders[{p}].url", $"provider {url} is already defined at {ap}.oidcProviders[{urls[url]}]", "an account has one provider per issuer: remove the duplicate");
        }
    }

    private static void CheckCompute(Cluster cluster, string cp, Action<string, string, string> error)
    {
        var addons = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cluster.Addons.Count; i++)
        {
            var addon = cluster.Addons[i];
            if (!addons.Add(addon.Name))
                error($"{cp}.addons[{i}].name", $"add-on {addon.Name} is installed twice", "remove the duplicate");
            if (addon.ServiceAccountRoleArn is { } arn && !IamArn.TryParseRole(arn, out _, out _, out _))
                error($"{cp}.addons[{i}].serviceAccountRoleArn", $"'{arn}' is not an IAM role ARN", "write it like arn:aws:iam::111122223333:role/NAME");
            for (var j = 0; j < addon.PodIdentityAssociations.Count; j++)
            {
                var associationArn = addon.PodIdentityAssociations[j];
                if (!cluster.PodIdentityAssociations.Any(a => a.AssociationId is not null && a.ArnIn(cluster) == associationArn))
                    error($"{cp}.addons[{i}].podIdentityAssociations[{j}]", $"no association of this cluster has the ARN {associationArn}",
                        "list the association in the cluster's podIdentityAssociations with that associationId and ownerArn set to the add-on's ARN");
            }
        }
        var groups = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cluster.Nodegroups.Count; i++)
        {
            var group = cluster.Nodegroups[i];
            var gp = $"{cp}.nodegroups[{i}]";
            if (!groups.Add(group.Name))
                error($"{gp}.name", $"node group {group.Name} is defined twice", "rename or remove one");
            if (group.ComputeType == ComputeType.Fargate)
                error($"{gp}.computeType", "Fargate capacity is not a node group", "describe it under the cluster's fargateProfiles instead");
            if (group.NodeCount < 0)
                error($"{gp}.nodeCount", $"node count {group.NodeCount} is negative", "use 0 or more");
            if (group.Os == NodeOs.Windows && group.Arch == NodeArch.Arm64)
                error($"{gp}.arch", "Windows nodes on EKS are amd64 only", "set \"arch\": \"amd64\"");
            if (group.NodeRoleArn is { } arn && !IamArn.TryParseRole(arn, out _, out _, out _))
                error($"{gp}.nodeRoleArn", $"'{arn}' is not an IAM role ARN", "write it like arn:aws:iam::111122223333:role/NAME");
        }
        var profiles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cluster.FargateProfiles.Count; i++)
        {
            var profile = cluster.FargateProfiles[i];
            if (!profiles.Add(profile.Name))
                error($"{cp}.fargateProfiles[{i}].name", $"Fargate profile {profile.Name} is defined twice", "rename or remove one");
            if (profile.Selectors.Count == 0)
                error($"{cp}.fargateProfiles[{i}].selectors", "a Fargate profile needs at least one selector", "add {\"namespace\": \"NAME\"}");
        }
    }

    private static void CheckAssociations(Cluster cluster, string cp, Action<string, string, string> error)
    {
        var pairs = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cluster.PodIdentityAssociations.Count; i++)
        {
            var association = cluster.PodIdentityAssociations[i];
            var ap = $"{cp}.podIdentityAssociations[{i}]";
            if (!pairs.TryAdd($"{association.Namespace}/{association.ServiceAccount}", i))
                error(ap, $"a second association for {association.Namespace}/{association.ServiceAccount} (first at {cp}.podIdentityAssociations[{pairs[$"{association.Namespace}/{association.ServiceAccount}"]}])",
                    "EKS allows one association per namespace and service account: remove one");
            if (!IamArn.TryParseRole(association.RoleArn, out _, out _, out _))
                error($"{ap}.roleArn", $"'{association.RoleArn}' is not an IAM role ARN", "write it like arn:aws:iam::111122223333:role/NAME");
            if (association.TargetRoleArn is { } target && !IamArn.TryParseRole(target, out _, out _, out _))
                error($"{ap}.targetRoleArn", $"'{target}' is not an IAM role ARN", "write it like arn:aws:iam::444455556666:role/NAME");
            if (association.AssociationId is { } id)
            {
                if (!AssociationId().IsMatch(id))
                    error($"{ap}.associationId", $"'{id}' is not an association id", "write 'a-' and 17 lower-case letters or digits, or leave it out to derive one");
                else if (!ids.Add(id))
                    error($"{ap}.associationId", $"association id {id} is used twice", "give each association its own id");
            }
        }
    }

    private static void CheckKubernetes(Cluster cluster, string cp, Action<string, string, string> error)
    {
        // The API server keeps one object per kind, namespace and name (nodes: per name); the sandbox would serve both.
        Unique(cluster.Namespaces, n => n.Name, $"{cp}.namespaces", "namespace", cluster, error);
        Unique(cluster.ServiceAccounts, s => $"{s.Namespace}/{s.Name}", $"{cp}.serviceAccounts", "service account", cluster, error);
        Unique(cluster.Workloads, w => $"{w.Kind} {w.Namespace}/{w.Name}", $"{cp}.workloads", "workload", cluster, error);
        Unique(cluster.Pods, p => $"{p.Namespace}/{p.Name}", $"{cp}.pods", "pod", cluster, error);
        Unique(cluster.Nodes, n => n.Name, $"{cp}.nodes", "node", cluster, error);

        for (var i = 0; i < cluster.ServiceAccounts.Count; i++)
        {
            var sa = cluster.ServiceAccounts[i];
            CheckName(sa.Namespace, $"{cp}.serviceAccounts[{i}].namespace", error);
            CheckName(sa.Name, $"{cp}.serviceAccounts[{i}].name", error, subdomain: true);
        }
        for (var i = 0; i < cluster.Workloads.Count; i++)
        {
            var w = cluster.Workloads[i];
            var wp = $"{cp}.workloads[{i}]";
            CheckName(w.Namespace, $"{wp}.namespace", error);
            CheckName(w.Name, $"{wp}.name", error, subdomain: true);
            if (w.Replicas < 0)
                error($"{wp}.replicas", $"replicas {w.Replicas} is negative", "use 0 or more");
            if (w.ServiceAccountName != "default" && cluster.FindServiceAccount(w.Namespace, w.ServiceAccountName) is null)
                error($"{wp}.serviceAccountName", $"service account {w.Namespace}/{w.ServiceAccountName} does not exist (Kubernetes would refuse to create the pods)",
                    $"add it to {cp}.serviceAccounts or fix serviceAccountName");
            if (w.Containers.Count == 0)
                error($"{wp}.containers", "the pod template has no containers", "add {\"name\": \"app\", \"image\": \"REPO:TAG\"}");
            if (w.Kind == WorkloadKind.CronJob && string.IsNullOrWhiteSpace(w.Schedule))
                error($"{wp}.schedule", "a CronJob needs a schedule", "add \"schedule\": \"*/15 * * * *\"");
            if (w.Placement == WorkloadPlacement.Fargate && !cluster.FargateProfiles.Any(f => f.Selectors.Any(s => s.Namespace == w.Namespace)))
                error($"{wp}.placement", $"no Fargate profile of the cluster selects namespace {w.Namespace}", $"add a Fargate profile with a selector for {w.Namespace} or change the placement");
        }
        for (var i = 0; i < cluster.Pods.Count; i++)
        {
            var pod = cluster.Pods[i];
            if (pod.ServiceAccountName != "default" && cluster.FindServiceAccount(pod.Namespace, pod.ServiceAccountName) is null)
                error($"{cp}.pods[{i}].serviceAccountName", $"service account {pod.Namespace}/{pod.ServiceAccountName} does not exist", $"add it to {cp}.serviceAccounts or fix serviceAccountName");
            if (pod.NodeName is { } node && cluster.Nodes.Count > 0 && cluster.FindNode(node) is null)
                error($"{cp}.pods[{i}].nodeName", $"node {node} is not among the cluster's nodes", "list the node under nodes, or leave nodes out to derive them from node groups");
        }
    }

    private static void Unique<T>(List<T> items, Func<T, string> key, string path, string what, Cluster cluster, Action<string, string, string> error)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (!seen.TryAdd(k, i))
                error($"{path}[{i}]", $"duplicate {what} {k} in cluster {cluster.Name} (first at {path}[{seen[k]}])",
                    $"Kubernetes holds one {what} of that name: remove {path}[{i}] or rename it");
        }
    }

    private static void CheckName(string name, string path, Action<string, string, string> error, bool subdomain = false)
    {
        var ok = subdomain ? DnsSubdomain().IsMatch(name) && name.Length <= 253 : DnsLabel().IsMatch(name) && name.Length <= 63;
        if (!ok)
            error(path, $"'{name}' is not a valid Kubernetes name", subdomain
                ? "use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
                : "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")]
    private static partial Regex Region();
    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex ClusterName();
    [GeneratedRegex(@"^1\.[0-9]{1,2}$")]
    private static partial Regex KubernetesVersion();
    [GeneratedRegex(@"^eks\.[0-9]{1,3}$")]
    private static partial Regex PlatformVersion();
    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleName();
    [GeneratedRegex("^a-[a-z0-9]{17}$")]
    private static partial Regex AssociationId();
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
