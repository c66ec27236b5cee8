namespace Migrator.Core.Inventory;

/// <summary>Where a pod runs. Pod Identity works on Linux EC2 nodes only (DOMAIN.md "NOT supported").</summary>
public enum Placement
{
    Unknown = 0,
    Ec2Linux,
    Windows,
    Fargate,
    Hybrid,
    AutoMode,
}
