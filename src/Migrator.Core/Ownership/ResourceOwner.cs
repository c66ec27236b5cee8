namespace Migrator.Core.Ownership;

/// <summary>
/// The owner found for a role or a ServiceAccount: its kind, the instance when the metadata names one (stack, Helm
/// release, Argo CD application, Flux Kustomization) and the metadata that gave it away.
/// </summary>
public sealed record ResourceOwner(OwnerKind Kind, string? Name, string Evidence)
{
    /// <summary>"Terraform", "Helm release payments/api", "CloudFormation stack s1".</summary>
    public string Display => Name is null ? KindName(Kind)
        : InstanceWord(Kind) is { Length: > 0 } word ? $"{KindName(Kind)} {word} {Name}"
        : $"{KindName(Kind)} {Name}";

    public static string KindName(OwnerKind kind) => kind switch
    {
        OwnerKind.ArgoCd => "Argo CD",
        OwnerKind.EksAddon => "EKS add-on",
        _ => kind.ToString(),
    };

    private static string InstanceWord(OwnerKind kind) => kind switch
    {
        OwnerKind.CloudFormation or OwnerKind.Eksctl => "stack",
        OwnerKind.Helm => "release",
        OwnerKind.ArgoCd => "application",
        OwnerKind.Flux => "object",
        OwnerKind.Terraform => "workspace",
        _ => "",
    };
}
