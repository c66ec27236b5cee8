namespace Migrator.Sandbox;

/// <summary>A managed node group (or, for hybrid/auto, the node pool the nodes come from).</summary>
public sealed class Nodegroup
{
    public required string Name { get; set; }
    public NodeOs Os { get; set; } = NodeOs.Linux;
    public NodeArch Arch { get; set; } = NodeArch.Amd64;
    /// <summary>ec2, hybrid or auto (Fargate capacity comes from fargateProfiles).</summary>
    public ComputeType ComputeType { get; set; } = ComputeType.Ec2;
    public string? NodeRoleArn { get; set; }
    public int NodeCount { get; set; } = 2;
    /// <summary>AL2023_x86_64_STANDARD, WINDOWS_CORE_2022_x86_64, BOTTLEROCKET_ARM_64...; derived from os/arch when omitted.</summary>
    public string? AmiType { get; set; }
    public string CapacityType { get; set; } = "ON_DEMAND";
    public string? InstanceType { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public DateTimeOffset? CreatedAt { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string EffectiveAmiType => AmiType ?? (Os, Arch) switch
    {
        (NodeOs.Windows, _) => "WINDOWS_CORE_2022_x86_64",
        (_, NodeArch.Arm64) => "AL2023_ARM_64_STANDARD",
        _ => "AL2023_x86_64_STANDARD",
    };
}
