namespace Migrator.Sandbox;

/// <summary>A simulated API, each served on its own loopback port.</summary>
public enum SandboxService
{
    Eks,
    Iam,
    Sts,
    Kubernetes,
    CloudTrail,
}
