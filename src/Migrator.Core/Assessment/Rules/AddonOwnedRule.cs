namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// ServiceAccounts of EKS add-ons (e.g. kube-system/ebs-csi-controller-sa) must move through UpdateAddon
/// podIdentityAssociations, or the add-on manager reverts the change.
/// </summary>
internal sealed class AddonOwnedRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b) =>
        OwningAddon(b) is { } addon
            ? [new Finding(ReasonCodes.AddonOwned,
                "Owned by an EKS add-on: migrate through the add-on API",
                $"add-on {addon.Name} {addon.Version} on {BindingContext.Describe(b.Key.Cluster)} owns {b.Key.Namespace}/{b.Key.ServiceAccount}"
                    + (addon.ServiceAccountRoleArn is { } r ? $" (serviceAccountRoleArn {r})" : ""),
                $"Migrate with UpdateAddon --pod-identity-associations serviceAccount={b.Key.ServiceAccount},roleArn={b.Arn?.Value ?? b.RawRoleArn} instead of a plain association.")]
            : [];

    public static Inventory.AddonRecord? OwningAddon(BindingContext b)
    {
        var owned = $"{b.Key.Namespace}/{b.Key.ServiceAccount}";
        var addons = b.Estate.AddonsByName(b.Key.Cluster);
        return addons.FirstOrDefault(a => a.OwnedServiceAccounts.Contains(owned, StringComparer.Ordinal))
            ?? addons.FirstOrDefault(a => b.Associations.Any(x =>
                a.PodIdentityAssociationArns.Contains(x.AssociationArn, StringComparer.Ordinal)
                // add-on ARN: arn:aws:eks:REGION:ACCOUNT:addon/CLUSTER/NAME/UUID
                || (x.OwnerArn is { } owner && owner.Contains($"/{a.Name}/", StringComparison.Ordinal))));
    }
}
