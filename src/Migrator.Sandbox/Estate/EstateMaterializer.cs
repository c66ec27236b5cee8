using System.Globalization;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>
/// Turns an estate file into a live estate: fills identifiers the file left out (role ids, OIDC issuers, association
/// ids, Kubernetes uids and resourceVersions), adds the namespaces and default ServiceAccounts every cluster has,
/// derives nodes from node groups and pods from workloads (each pod admitted through the webhook mutation).
/// Deterministic: the same file always yields the same state. Idempotent: a saved state loads unchanged.
/// </summary>
public static class EstateMaterializer
{
    /// <summary>Creation time given to objects the file leaves undated (long before any migration).</summary>
    public static readonly DateTimeOffset DefaultCreated = new(2024, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private static readonly string[] SystemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"];

    public static void Prepare(Estate estate, IPodAdmission admission)
    {
        foreach (var account in estate.Accounts)
            PrepareAccount(account);
        foreach (var cluster in estate.Clusters)
            PrepareCluster(estate, cluster, admission);
    }

    /// <summary>The default OIDC issuer of a cluster: https://oidc.eks.REGION.amazonaws.com[.cn]/id/32-HEX.</summary>
    public static string DefaultIssuer(Cluster cluster) =>
        $"https://oidc.eks.{cluster.Region}.amazonaws.com{(cluster.Partition == "aws-cn" ? ".cn" : "")}/id/{StableId.UpperHex("issuer/" + cluster.Arn, 32)}";

    /// <summary>
    /// A new pod of a workload, placed on a node (Fargate gets a node of its own; a DaemonSet passes its node) and
    /// admitted by the webhook. The caller adds it to <see cref="Cluster.Pods"/>.
    /// </summary>
    public static Pod CreatePod(Estate estate, Cluster cluster, Workload workload, string name, DateTimeOffset startTime, IPodAdmission admission, string? nodeName = null)
    {
        var hash = workload.TemplateHash ?? WorkloadPods.TemplateHash(workload);
        var labels = new Dictionary<string, string>(workload.EffectiveTemplateLabels);
        switch (workload.Kind)
        {
            case WorkloadKind.Deployment:
                labels["pod-template-hash"] = hash;
                break;
            case WorkloadKind.StatefulSet:
                labels["controller-revision-hash"] = $"{workload.Name}-{hash}";
                labels["statefulset.kubernetes.io/pod-name"] = name;
                break;
            case WorkloadKind.DaemonSet:
                labels["controller-revision-hash"] = hash;
                break;
            case WorkloadKind.Job:
            case WorkloadKind.CronJob:
                var job = WorkloadPods.Controller(workload, hash).Name;
                labels["job-name"] = job;
                labels["batch.kubernetes.io/job-name"] = job;
                break;
        }
        var pod = new Pod
        {
            Namespace = workload.Namespace,
            Name = name,
            Uid = StableId.Uuid($"{cluster.Key}/pod/{workload.Namespace}/{name}/{startTime:O}"),
            CreationTimestamp = startTime,
            StartTime = startTime,
            Labels = labels,
            Annotations = new Dictionary<string, string>(workload.TemplateAnnotations),
            ServiceAccountName = workload.ServiceAccountName,
            NodeSelector = new Dictionary<string, string>(workload.NodeSelector),
            Containers = workload.Containers.Select(c => new Container
            {
                Name = c.Name,
                Image = c.Image,
                Env = c.Env.Select(e => new EnvVar { Name = e.Name, Value = e.Value }).ToList(),
                VolumeMounts = c.VolumeMounts.Select(m => new VolumeMount { Name = m.Name, MountPath = m.MountPath, ReadOnly = m.ReadOnly }).ToList(),
            }).ToList(),
            Phase = workload.Kind is WorkloadKind.CronJob ? "Succeeded" : "Running",
            Ready = workload.Kind is not WorkloadKind.CronJob,
        };
        if (workload.Kind != WorkloadKind.Pod)
        {
            var (apiVersion, kind, controllerName) = WorkloadPods.Controller(workload, hash);
            pod.OwnerReferences.Add(new OwnerReference
            {
                ApiVersion = apiVersion,
                Kind = kind,
                Name = controllerName,
                Uid = kind == workload.Kind.ToString() && workload.Uid is not null
                    ? workload.Uid
                    : StableId.Uuid($"{cluster.Key}/{kind}/{workload.Namespace}/{controllerName}"),
            });
        }
        if (nodeName is null)
        {
            Place(cluster, workload.Placement, pod);
        }
        else
        {
            pod.NodeName = nodeName;
            pod.PodIp = cluster.FindNode(nodeName)?.InternalIp;
        }
        pod.ResourceVersion = cluster.NextResourceVersion();
        admission.Admit(estate, cluster, pod);
        return pod;
    }

    /// <summary>
    /// Schedules a pod created through the API (no workload behind it): the pin in its nodeSelector decides the placement,
    /// a Fargate profile selecting it gives it a Fargate node, and it is Pending when no node fits.
    /// </summary>
    public static void Schedule(Cluster cluster, Pod pod) => Place(cluster, PlacementOf(pod.NodeSelector), pod);

    /// <summary>The placement a nodeSelector pins: Windows, hybrid, Auto Mode or Fargate nodes, else any Linux node.</summary>
    public static WorkloadPlacement PlacementOf(IReadOnlyDictionary<string, string> nodeSelector) =>
        nodeSelector.GetValueOrDefault(Node.OsLabel) == "windows" ? WorkloadPlacement.Windows
        : nodeSelector.GetValueOrDefault(Node.ComputeTypeLabel) switch
        {
            "hybrid" => WorkloadPlacement.Hybrid,
            "auto" => WorkloadPlacement.Auto,
            "fargate" => WorkloadPlacement.Fargate,
            _ => WorkloadPlacement.Linux,
        };

    private static void PrepareAccount(Account account)
    {
        foreach (var role in account.Roles)
        {
            role.RoleId ??= "AROA" + StableId.FromAlphabet($"role/{account.Id}/{role.Name}", 17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
            role.CreateDate ??= DefaultCreated;
        }
        foreach (var provider in account.OidcProviders)
            provider.CreateDate ??= DefaultCreated;
    }

    private static void PrepareCluster(Estate estate, Cluster cluster, IPodAdmission admission)
    {
        cluster.OidcIssuer ??= DefaultIssuer(cluster);
        cluster.CreatedAt ??= DefaultCreated;
        foreach (var addon in cluster.Addons)
            addon.CreatedAt ??= DefaultCreated;
        foreach (var association in cluster.PodIdentityAssociations)
        {
            association.AssociationId ??= "a-" + StableId.FromAlphabet($"association/{cluster.Key}/{association.Namespace}/{association.ServiceAccount}", 17, "abcdefghijklmnopqrstuvwxyz0123456789");
            association.CreatedAt ??= DefaultCreated;
            association.ModifiedAt ??= association.CreatedAt;
        }

        var namespaces = SystemNamespaces
            .Concat(cluster.ServiceAccounts.Select(s => s.Namespace))
            .Concat(cluster.Workloads.Select(w => w.Namespace))
            .Concat(cluster.Pods.Select(p => p.Namespace))
            .Distinct(StringComparer.Ordinal);
        foreach (var ns in namespaces.Where(ns => cluster.FindNamespace(ns) is null).ToList())
            cluster.Namespaces.Add(new KubeNamespace { Name = ns });
        foreach (var ns in cluster.Namespaces.Where(ns => cluster.FindServiceAccount(ns.Name, "default") is null).ToList())
            cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = ns.Name, Name = "default" });

        foreach (var ns in cluster.Namespaces)
        {
            Stamp(cluster, ns, $"namespace/{ns.Name}");
            ns.Labels.TryAdd("kubernetes.io/metadata.name", ns.Name);
        }
        foreach (var sa in cluster.ServiceAccounts)
            Stamp(cluster, sa, $"serviceaccount/{sa.Namespace}/{sa.Name}");
        foreach (var workload in cluster.Workloads)
            Stamp(cluster, workload, $"{workload.Kind}/{workload.Namespace}/{workload.Name}");

        if (cluster.Nodes.Count == 0)
            cluster.Nodes.AddRange(DerivedNodes(cluster));
        foreach (var node in cluster.Nodes)
            Stamp(cluster, node, $"node/{node.Name}");
        foreach (var pod in cluster.Pods)
            Stamp(cluster, pod, $"pod/{pod.Namespace}/{pod.Name}");

        foreach (var workload in cluster.Workloads)
        {
            workload.TemplateHash ??= WorkloadPods.TemplateHash(workload);
            if (cluster.PodsMaterialised != true && !cluster.Pods.Any(p => WorkloadPods.Owns(workload, p)))
                MaterialisePods(estate, cluster, workload, admission);
            UpdateStatus(cluster, workload);
        }
        cluster.PodsMaterialised = true;
    }

    private static void Stamp(Cluster cluster, KubeObject obj, string identity)
    {
        obj.Uid ??= StableId.Uuid($"{cluster.Key}/{identity}");
        obj.ResourceVersion ??= cluster.NextResourceVersion();
        obj.CreationTimestamp ??= DefaultCreated;
    }

    private static void MaterialisePods(Estate estate, Cluster cluster, Workload workload, IPodAdmission admission)
    {
        var start = workload.CreationTimestamp ?? DefaultCreated;
        var count = workload.Kind switch
        {
            WorkloadKind.DaemonSet => EligibleNodes(cluster, workload.Placement).Count,
            WorkloadKind.CronJob => workload.Replicas > 0 ? 1 : 0,
            WorkloadKind.Pod => 1,
            _ => workload.Replicas,
        };
        var eligible = EligibleNodes(cluster, workload.Placement);
        for (var i = 0; i < count; i++)
        {
            var name = WorkloadPods.PodName(workload, workload.TemplateHash!, i, $"{cluster.Key}/{workload.Namespace}/{workload.Name}");
            var node = workload.Kind == WorkloadKind.DaemonSet ? eligible[i].Name : null;
            cluster.Pods.Add(CreatePod(estate, cluster, workload, name, start, admission, node));
        }
    }

    private static void UpdateStatus(Cluster cluster, Workload workload)
    {
        var pods = cluster.Pods.Where(p => WorkloadPods.Owns(workload, p) && p.DeletionTimestamp is null).ToList();
        var ready = pods.Count(p => p.Ready && p.NodeName is not null);
        workload.ObservedGeneration = workload.Generation;
        workload.UpdatedReplicas = pods.Count;
        workload.ReadyReplicas = ready;
        workload.AvailableReplicas = ready;
    }

    private static void Place(Cluster cluster, WorkloadPlacement placement, Pod pod)
    {
        var profile = cluster.FargateProfiles.FirstOrDefault(f => f.Selects(pod.Namespace, pod.Labels));
        if (profile is not null)
        {
            var node = FargateNode(cluster, pod, profile);
            cluster.Nodes.Add(node);
            Stamp(cluster, node, $"node/{node.Name}");
            pod.NodeName = node.Name;
            pod.Labels["eks.amazonaws.com/fargate-profile"] = profile.Name;
            pod.PodIp = node.InternalIp;
            return;
        }
        foreach (var (key, value) in PlacementSelector(placement))
            pod.NodeSelector.TryAdd(key, value);
        var nodes = EligibleNodes(cluster, placement)
            .Where(n => pod.NodeSelector.All(s => n.Labels.TryGetValue(s.Key, out var v) && v == s.Value))
            .ToList();
        if (placement == WorkloadPlacement.Fargate || nodes.Count == 0)
        {
            pod.NodeName = null;
            pod.Phase = "Pending";
            pod.Ready = false;
            return;
        }
        var pick = nodes[StableId.Hash(pod.Namespace + "/" + pod.Name)[0] % nodes.Count];
        pod.NodeName = pick.Name;
        pod.PodIp = Ip(pod.Namespace + "/" + pod.Name, 2);
    }

    private static Dictionary<string, string> PlacementSelector(WorkloadPlacement placement) => placement switch
    {
        WorkloadPlacement.Windows => new() { [Node.OsLabel] = "windows" },
        WorkloadPlacement.Hybrid => new() { [Node.ComputeTypeLabel] = "hybrid" },
        WorkloadPlacement.Auto => new() { [Node.ComputeTypeLabel] = "auto" },
        _ => new() { [Node.OsLabel] = "linux" },
    };

    private static List<Node> EligibleNodes(Cluster cluster, WorkloadPlacement placement) => cluster.Nodes.Where(n => placement switch
    {
        WorkloadPlacement.Windows => n.Os == NodeOs.Windows,
        WorkloadPlacement.Hybrid => n.ComputeType == ComputeType.Hybrid,
        WorkloadPlacement.Auto => n.ComputeType == ComputeType.Auto,
        WorkloadPlacement.Fargate => false,
        // Plain Linux pods land on EC2 or Auto Mode nodes (not hybrid: those carry a taint in practice).
        _ => n.Os == NodeOs.Linux && n.ComputeType is ComputeType.Ec2 or ComputeType.Auto,
    }).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();

    /// <summary>The nodes a cluster's node groups (and Auto Mode) give it; Fargate nodes come with their pods.</summary>
    public static List<Node> DerivedNodes(Cluster cluster)
    {
        var nodes = new List<Node>();
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        var groups = cluster.Nodegroups.ToList();
        if (cluster.AutoMode && groups.All(g => g.ComputeType != ComputeType.Auto))
            groups.Add(new Nodegroup { Name = "general-purpose", ComputeType = ComputeType.Auto, NodeCount = 2 });
        foreach (var group in groups)
        {
            for (var i = 0; i < group.NodeCount; i++)
            {
                var seed = $"{cluster.Key}/{group.Name}/{i}";
                // EC2 node names are made of the address: two nodes of one cluster never share it.
                var ip = FreeIp(seed, 1, addresses.Contains);
                addresses.Add(ip);
                var name = group.ComputeType switch
                {
                    ComputeType.Hybrid => "mi-0" + StableId.Hex(seed, 16),
                    ComputeType.Auto => "i-0" + StableId.Hex(seed, 16),
                    _ => $"ip-{ip.Replace('.', '-')}.{Internal(cluster)}",
                };
                var labels = new Dictionary<string, string>
                {
                    [Node.OsLabel] = group.Os.ToString().ToLowerInvariant(),
                    [Node.ArchLabel] = group.Arch.ToString().ToLowerInvariant(),
                    ["kubernetes.io/hostname"] = name,
                    ["topology.kubernetes.io/region"] = cluster.Region,
                };
                switch (group.ComputeType)
                {
                    case ComputeType.Ec2:
                        labels[Node.NodegroupLabel] = group.Name;
                        labels["eks.amazonaws.com/capacityType"] = group.CapacityType;
                        labels["node.kubernetes.io/instance-type"] = group.InstanceType ?? (group.Arch == NodeArch.Arm64 ? "m7g.large" : "m6i.large");
                        break;
                    case ComputeType.Hybrid:
                        labels[Node.ComputeTypeLabel] = "hybrid";
                        break;
                    case ComputeType.Auto:
                        labels[Node.ComputeTypeLabel] = "auto";
                        labels["karpenter.sh/nodepool"] = group.Name;
                        break;
                }
                foreach (var (k, v) in group.Labels)
                    labels[k] = v;
                nodes.Add(new Node
                {
                    Name = name,
                    Labels = labels,
                    ComputeType = group.ComputeType,
                    Os = group.Os,
                    Arch = group.Arch,
                    Source = group.Name,
                    InternalIp = ip,
                    ProviderId = group.ComputeType == ComputeType.Hybrid ? $"eks-hybrid:///{cluster.Region}/{cluster.Name}/{name}" : $"aws:///{cluster.Region}a/i-0{StableId.Hex(seed, 16)}",
                    KubeletVersion = $"v{cluster.KubernetesVersion}.0-eks",
                });
            }
        }
        return nodes;
    }

    private static Node FargateNode(Cluster cluster, Pod pod, FargateProfile profile)
    {
        // Each Fargate pod gets a node named after its address, so the address must be free among the cluster's nodes.
        var ip = FreeIp($"{cluster.Key}/fargate/{pod.Namespace}/{pod.Name}", 3, candidate => cluster.Nodes.Exists(n => n.InternalIp == candidate));
        var name = $"fargate-ip-{ip.Replace('.', '-')}.{Internal(cluster)}";
        return new Node
        {
            Name = name,
            ComputeType = ComputeType.Fargate,
            Os = NodeOs.Linux,
            Arch = NodeArch.Amd64,
            Source = profile.Name,
            InternalIp = ip,
            KubeletVersion = $"v{cluster.KubernetesVersion}.0-eks",
            Labels = new Dictionary<string, string>
            {
                [Node.OsLabel] = "linux",
                [Node.ArchLabel] = "amd64",
                [Node.ComputeTypeLabel] = "fargate",
                ["kubernetes.io/hostname"] = name,
                ["topology.kubernetes.io/region"] = cluster.Region,
            },
        };
    }

    private static string Internal(Cluster cluster) =>
        cluster.Region == "us-east-1" ? "ec2.internal" : $"{cluster.Region}.compute.internal";

    /// <summary>The address derived from the seed or, while it is taken, from the seed and a counter: unique and still deterministic.</summary>
    private static string FreeIp(string seed, int subnet, Func<string, bool> taken)
    {
        var ip = Ip(seed, subnet);
        for (var n = 1; taken(ip); n++)
            ip = Ip(string.Create(CultureInfo.InvariantCulture, $"{seed}#{n}"), subnet);
        return ip;
    }

    private static string Ip(string seed, int subnet)
    {
        var h = StableId.Hash(seed);
        return string.Create(CultureInfo.InvariantCulture, $"10.{subnet}.{h[0]}.{Math.Max((byte)1, h[1])}");
    }
}
