namespace Migrator.Core.Ownership.ChangeSets;

/// <summary>One file of a change-set: its name inside the change-set's directory and its text.</summary>
public sealed record ChangeFile(string Name, string Content);

/// <summary>
/// A change for an owner: the files its tool reads (Terraform, eksctl, CloudFormation, Helm values, kustomize patch),
/// plus <see cref="OwnerChange.FileName"/>, under <see cref="Directory"/> (PLAN/pN/STEP, relative to the configured root).
/// </summary>
public sealed record OwnerChangeSet(string Directory, OwnerChange Change, IReadOnlyList<ChangeFile> Files);
