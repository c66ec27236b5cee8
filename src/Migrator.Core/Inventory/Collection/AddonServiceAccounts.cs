namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// ServiceAccounts that EKS add-ons create and run with, so their bindings are migrated through the add-on API
/// (UpdateAddon podIdentityAssociations), not by hand. Sources: the EKS user guide page of each add-on
/// (vpc-cni, aws-ebs-csi-driver, aws-efs-csi-driver, aws-mountpoint-s3-csi-driver, amazon-cloudwatch-observability).
/// Add-ons not listed are still caught through the associations they own (ownerArn).
/// </summary>
public static class AddonServiceAccounts
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["vpc-cni"] = ["kube-system/aws-node"],
        ["aws-ebs-csi-driver"] = ["kube-system/ebs-csi-controller-sa"],
        ["aws-efs-csi-driver"] = ["kube-system/efs-csi-controller-sa"],
        ["aws-mountpoint-s3-csi-driver"] = ["kube-system/s3-csi-driver-sa"],
        ["amazon-cloudwatch-observability"] = ["amazon-cloudwatch/cloudwatch-agent"],
    };

    /// <summary>NAMESPACE/NAME pairs the add-on is known to own; empty for add-ons without AWS credentials.</summary>
    public static IReadOnlyList<string> For(string addonName) => Known.TryGetValue(addonName, out var sas) ? sas : [];
}
