namespace Migrator.Core.Ownership;

/// <summary>The detection rules in force: the defaults (or the configured replacement) plus the Terraform tags.</summary>
public static class OwnerRules
{
    public const string CloudFormationStackName = "aws:cloudformation:stack-name";
    public const string CloudFormationStackId = "aws:cloudformation:stack-id";
    public const string ArgoCdTrackingId = "argocd.argoproj.io/tracking-id";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string HelmReleaseName = "meta.helm.sh/release-name";
    public const string HelmReleaseNamespace = "meta.helm.sh/release-namespace";
    public const string FluxKustomizeName = "kustomize.toolkit.fluxcd.io/name";
    public const string FluxHelmName = "helm.toolkit.fluxcd.io/name";

    /// <summary>
    /// The defaults, most specific first: eksctl's stacks are CloudFormation stacks (tagged both ways), Flux's
    /// helm-controller and Argo CD's Helm sources also leave Helm's marks, so they are tried before Helm.
    /// </summary>
    public static IReadOnlyList<OwnerRule> Defaults(bool argoCdInstanceLabel) =>
    [
        // eksctl create iamserviceaccount: stack eksctl-CLUSTER-addon-iamserviceaccount-NS-SA, tags alpha.eksctl.io/*.
        new() { Owner = OwnerKind.Eksctl, Source = OwnerSource.RoleTag, Key = CloudFormationStackName, Value = "eksctl-*", NameKey = CloudFormationStackName },
        new() { Owner = OwnerKind.Eksctl, Source = OwnerSource.RoleTag, Key = "alpha.eksctl.io/*", NameKey = CloudFormationStackName },
        new() { Owner = OwnerKind.CloudFormation, Source = OwnerSource.RoleTag, Key = CloudFormationStackName },
        new() { Owner = OwnerKind.CloudFormation, Source = OwnerSource.RoleTag, Key = CloudFormationStackId },
        new() { Owner = OwnerKind.ArgoCd, Source = OwnerSource.ServiceAccountAnnotation, Key = ArgoCdTrackingId },
        new() { Owner = OwnerKind.Flux, Source = OwnerSource.ServiceAccountLabel, Key = "kustomize.toolkit.fluxcd.io/*", NameKey = FluxKustomizeName },
        new() { Owner = OwnerKind.Flux, Source = OwnerSource.ServiceAccountLabel, Key = "helm.toolkit.fluxcd.io/*", NameKey = FluxHelmName },
        .. argoCdInstanceLabel ? [new OwnerRule { Owner = OwnerKind.ArgoCd, Source = OwnerSource.ServiceAccountLabel, Key = InstanceLabel }] : Array.Empty<OwnerRule>(),
        new() { Owner = OwnerKind.Helm, Source = OwnerSource.ServiceAccountAnnotation, Key = HelmReleaseName },
        new() { Owner = OwnerKind.Helm, Source = OwnerSource.ServiceAccountLabel, Key = ManagedByLabel, Value = "Helm" },
    ];

    /// <summary>Terraform's configured tags first (an explicit setting wins), then the rules or their defaults.</summary>
    public static IReadOnlyList<OwnerRule> Effective(OwnershipSettings settings) =>
    [
        .. settings.TerraformTags.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new OwnerRule { Owner = OwnerKind.Terraform, Source = OwnerSource.RoleTag, Key = t.Key, Value = t.Value is "" or "*" ? null : t.Value }),
        .. settings.Rules.Count > 0 ? settings.Rules : Defaults(settings.ArgoCdInstanceLabel),
    ];
}
