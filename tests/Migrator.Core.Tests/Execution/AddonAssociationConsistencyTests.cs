using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Execution;

/// <summary>
/// The add-on path (UpdateAddon with podIdentityAssociations) meets the same eventual consistency as the direct one:
/// EKS may refuse a role IAM just changed (retried like CreatePodIdentityAssociation), and an association UpdateAddon
/// just created is listed by the add-on before EKS describes it (polled, not taken for absent).
/// </summary>
public class AddonAssociationConsistencyTests
{
    private static readonly BindingKey Ebs = new(TestEstate.East, "kube-system", "ebs-csi-controller-sa");

    private static int AddonPhase(Harness h) => h.Plan.Phases.First(p => p.Steps.Any(x => x.Kind == StepKind.UpdateAddonAssociation)).Number;

    private static bool Associated(Harness h) =>
        h.World.Associations.Any(a => a.ClusterName == Ebs.Cluster.Name && a.Namespace == Ebs.Namespace && a.ServiceAccount == Ebs.ServiceAccount);

    [Fact]
    public async Task UpdateAddon_refused_while_the_role_is_not_yet_visible_to_eks_is_retried_like_a_create()
    {
        var h = new Harness(TestEstate.Standard());
        var failures = 2;
        h.World.Fault = (op, _) => op == "UpdateAddon" && failures-- > 0
            ? new AwsApiException("eks", op, 400, "InvalidParameterException", "Role provided in the request does not exist") : null;
        await h.RunAsync(0);

        var result = await h.RunAsync(AddonPhase(h));

        Assert.Equal(BindingResult.Succeeded, result.Bindings.Single(b => b.Key == Ebs).Result);
        Assert.Equal(3, h.World.Count("UpdateAddon"));
        Assert.True(Associated(h));
    }

    [Fact]
    public async Task Rollback_right_after_an_addon_association_was_added_waits_for_eks_to_describe_it_and_removes_it()
    {
        var h = new Harness(TestEstate.Standard());
        h.World.VisibilityLag = TimeSpan.FromSeconds(30);
        await h.RunAsync(0);
        var phase = AddonPhase(h);
        var migrated = await h.RunAsync(phase);
        Assert.Equal(BindingResult.Succeeded, migrated.Bindings.Single(b => b.Key == Ebs).Result);

        var rollback = await h.RollbackAsync(phase);

        Assert.Equal(PhaseRunStatus.Completed, rollback.Status);
        Assert.False(Associated(h));
        Assert.Contains(h.Journal.Entries, e => e.Binding == Ebs && e.Direction == JournalDirection.Rollback && e.Status == JournalStatus.Succeeded
            && e.Message.Contains("removed ebs-csi-controller-sa from add-on aws-ebs-csi-driver", StringComparison.Ordinal));
    }
}
