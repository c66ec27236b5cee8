namespace Migrator.Sandbox;

/// <summary>Where nodes come from. Pod Identity runs on EC2 Linux nodes only (DOMAIN.md "NOT supported").</summary>
public enum ComputeType
{
    Ec2,
    Fargate,
    Hybrid,
    Auto,
}

public enum NodeOs
{
    Linux,
    Windows,
}

public enum NodeArch
{
    Amd64,
    Arm64,
}
