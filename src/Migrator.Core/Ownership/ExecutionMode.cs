namespace Migrator.Core.Ownership;

/// <summary>How a binding's changes are made.</summary>
public enum ExecutionMode
{
    /// <summary>The Migrator makes the change through the AWS and Kubernetes APIs.</summary>
    Direct,
    /// <summary>
    /// The Migrator writes the exact change for the owner (Terraform, eksctl/CloudFormation, Helm values, kustomize
    /// patch), journals it and waits until a later live read shows the owner applied it.
    /// </summary>
    ChangeSet,
}
