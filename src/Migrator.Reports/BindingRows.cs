using Migrator.Core.Assessment;
using Migrator.Reports.Model;

namespace Migrator.Reports;

/// <summary>
/// One binding as a row of the binding list: what the report shows and what every binding CSV holds (the report's and
/// `assess --output csv`, one schema: <see cref="Rendering.BindingCsv"/>).
/// </summary>
public static class BindingRows
{
    public static BindingRowView Of(BindingAssessment b)
    {
        var k = b.Key;
        var after = b.Category switch
        {
            BindingCategory.Migrated => b.Lifecycle switch
            {
                IdentityLifecycle.PodIdentity => "on Pod Identity; nothing of IRSA left",
                IdentityLifecycle.CleanupPending => "on Pod Identity; cleanup left: " + string.Join("; ", b.Reasons.Where(r => r.Code.StartsWith("cleanup.", StringComparison.Ordinal)).Select(r => r.Summary)),
                _ => "on Pod Identity: association in place; annotation and OIDC subject can go after the soak",
            },
            BindingCategory.Ready or BindingCategory.Coordinate =>
                $"association {k.Cluster.Name}/{k.Namespace}/{k.ServiceAccount} → role; trust pods.eks.amazonaws.com scoped by session tags"
                + (b.OwningAddon is null ? "" : $" (through add-on {b.OwningAddon})")
                + (b.Category == BindingCategory.Coordinate ? "; moves with the other users of the role" : ""),
            BindingCategory.KeepIrsa => "stays on IRSA: " + string.Join("; ", ReportModelBuilder.Decisive(b).Select(r => r.Summary)),
            BindingCategory.Broken => "fix first: " + string.Join("; ", ReportModelBuilder.Decisive(b).Select(r => r.Summary)),
            BindingCategory.Unassessed => "not planned until its role is read: re-run the inventory",
            _ => "unused: delete the ServiceAccount's annotation instead of migrating",
        };
        return new BindingRowView
        {
            Binding = k.Display,
            Account = k.Cluster.AccountId,
            Region = k.Cluster.Region,
            Cluster = k.Cluster.Name,
            Namespace = k.Namespace,
            ServiceAccount = k.ServiceAccount,
            RoleArn = b.RoleArn,
            Category = CategoryCatalog.Label(b.Category),
            CategoryName = b.Category.ToString(),
            Lifecycle = b.Lifecycle.ToString(),
            Score = b.Score,
            ReasonCodes = string.Join(" ", b.Reasons.Select(r => r.Code)),
            Pods = b.PodCount,
            Workloads = string.Join(", ", b.Workloads.Select(w => $"{w.Kind}/{w.Name}")),
            OwningAddon = b.OwningAddon ?? "",
            CanaryCandidate = b.CanaryCandidate,
            CoordinationGroup = b.CoordinationGroup ?? "",
            IrsaAnnotated = b.IrsaAnnotated,
            AssociationRoleArn = b.AssociationRoleArn ?? "",
            Owners = string.Join("; ", b.Reasons.Where(r => r.Code is Core.Assessment.ReasonCodes.RoleOwner or Core.Assessment.ReasonCodes.ServiceAccountOwner).Select(r => r.Evidence)),
            Today = b.IrsaAnnotated
                ? $"annotation eks.amazonaws.com/role-arn; trust subject system:serviceaccount:{k.Namespace}:{k.ServiceAccount}"
                : $"no IRSA annotation; association to {b.AssociationRoleArn}",
            After = after,
        };
    }
}
