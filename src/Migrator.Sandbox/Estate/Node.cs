namespace Migrator.Sandbox;

/// <summary>
/// A node. Labels carry kubernetes.io/os, kubernetes.io/arch and, for Fargate, hybrid and Auto Mode nodes,
/// eks.amazonaws.com/compute-type (EC2 managed nodes have no compute-type label).
/// </summary>
public sealed class Node : KubeObject
{
    public const string OsLabel = "kubernetes.io/os";
    public const string ArchLabel = "kubernetes.io/arch";
    public const string ComputeTypeLabel = "eks.amazonaws.com/compute-type";
    public const string NodegroupLabel = "eks.amazonaws.com/nodegroup";

    public ComputeType ComputeType { get; set; } = ComputeType.Ec2;
    public NodeOs Os { get; set; } = NodeOs.Linux;
    public NodeArch Arch { get; set; } = NodeArch.Amd64;
    /// <summary>Node group (or Fargate profile) the node belongs to.</summary>
    public string? Source { get; set; }
    public string? ProviderId { get; set; }
    public string? InternalIp { get; set; }
    public string KubeletVersion { get; set; } = "";
    public bool Ready { get; set; } = true;
}
