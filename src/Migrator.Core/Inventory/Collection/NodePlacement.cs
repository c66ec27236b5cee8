using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Placement of a node from its labels: eks.amazonaws.com/compute-type (fargate, hybrid, auto) first, then
/// kubernetes.io/os. Pod Identity runs on Linux EC2 nodes only (DOMAIN.md "NOT supported").
/// </summary>
public static class NodePlacement
{
    public static Placement Of(NodeRecord node) => node.ComputeType?.ToLowerInvariant() switch
    {
        "fargate" => Placement.Fargate,
        "hybrid" => Placement.Hybrid,
        "auto" => Placement.AutoMode,
        _ => node.OperatingSystem.ToLowerInvariant() switch
        {
            "windows" => Placement.Windows,
            "linux" => Placement.Ec2Linux,
            _ => Placement.Unknown,
        },
    };
}
