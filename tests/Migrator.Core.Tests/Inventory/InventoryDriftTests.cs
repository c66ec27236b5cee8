using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;

namespace Migrator.Core.Tests.Inventory;

public sealed class InventoryDriftTests
{
    private static readonly ClusterRef Prod = new("111111111111", "us-east-1", "prod");
    private static readonly ClusterRef Dev = new("111111111111", "us-east-1", "dev");
    private const string RoleA = "arn:aws:iam::111111111111:role/a";
    private const string RoleB = "arn:aws:iam::111111111111:role/b";
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    private static ServiceAccountRecord Sa(ClusterRef c, string ns, string name, string roleArn, Dictionary<string, string>? extra = null)
    {
        var annotations = new Dictionary<string, string>(extra ?? [], StringComparer.Ordinal) { [ServiceAccountRecord.RoleArnAnnotation] = roleArn };
        return new ServiceAccountRecord { Cluster = c, Namespace = ns, Name = name, Annotations = annotations };
    }

    private static AssociationRecord Assoc(ClusterRef c, string ns, string sa, string roleArn, string id = "a-1", string? owner = null) =>
        new() { Cluster = c, AssociationId = id, Namespace = ns, ServiceAccount = sa, RoleArn = roleArn, OwnerArn = owner };

    private static RoleRecord Role(string arn, string? trust = Trust, bool exists = true) =>
        new() { Arn = arn, AccountId = "111111111111", Name = arn[(arn.LastIndexOf('/') + 1)..], TrustPolicy = trust, Exists = exists };

    private static InventorySnapshot Snapshot(long id, IEnumerable<ClusterRef>? clusters = null, IEnumerable<ServiceAccountRecord>? sas = null,
        IEnumerable<AssociationRecord>? associations = null, IEnumerable<RoleRecord>? roles = null, IEnumerable<ClusterInventory>? rows = null,
        IEnumerable<CollectionError>? errors = null) => new()
    {
        RunId = id,
        Clusters = rows?.ToList() ?? (clusters ?? [Prod, Dev]).Select(c => new ClusterInventory { Ref = c }).ToList(),
        ServiceAccounts = sas?.ToList() ?? [],
        Associations = associations?.ToList() ?? [],
        Roles = roles?.ToList() ?? [],
        Errors = errors?.ToList() ?? [],
    };

    [Fact]
    public void Identical_runs_have_no_drift()
    {
        var s = Snapshot(1, sas: [Sa(Prod, "ns", "a", RoleA)], associations: [Assoc(Prod, "ns", "b", RoleB)], roles: [Role(RoleA), Role(RoleB)]);
        var d = InventoryDrift.Compare(s, s with { RunId = 2 });
        Assert.True(d.IsEmpty);
        Assert.Equal((1, 2), (d.FromRunId, d.ToRunId));
    }

    [Fact]
    public void New_removed_and_changed_bindings_are_reported()
    {
        var before = Snapshot(1, sas: [Sa(Prod, "ns", "stays", RoleA), Sa(Prod, "ns", "goes", RoleA), Sa(Prod, "ns", "moves", RoleA)]);
        var after = Snapshot(2, sas: [Sa(Prod, "ns", "stays", RoleA), Sa(Prod, "ns", "moves", RoleB, new() { [ServiceAccountRecord.AudienceAnnotation] = "custom" }), Sa(Dev, "ns", "new", RoleB)]);

        var d = InventoryDrift.Compare(before, after);

        Assert.Equal(["dev/ns/new"], d.NewBindings.Select(b => b.Key.Display));
        Assert.Equal(RoleB, d.NewBindings[0].CurrentRoleArn);
        Assert.Equal(["prod/ns/goes"], d.RemovedBindings.Select(b => b.Key.Display));
        var changed = Assert.Single(d.ChangedBindings);
        Assert.Equal((RoleA, RoleB), (changed.PreviousRoleArn, changed.CurrentRoleArn));
        Assert.Equal([ServiceAccountRecord.AudienceAnnotation, ServiceAccountRecord.RoleArnAnnotation], changed.ChangedAnnotations);
        Assert.Empty(d.Regressions);
        Assert.False(d.IsEmpty);
    }

    [Fact]
    public void New_irsa_binding_in_a_cluster_already_migrating_is_a_regression()
    {
        var before = Snapshot(1,
            associations: [Assoc(Prod, "ns", "migrated", RoleA), Assoc(Dev, "kube-system", "ebs-csi-controller-sa", RoleB, owner: "arn:aws:eks:us-east-1:111111111111:addon/dev/aws-ebs-csi-driver/x")]);
        var after = before with
        {
            RunId = 2,
            ServiceAccounts = [Sa(Prod, "ns", "sneaky", RoleA), Sa(Prod, "ns", "migrated", RoleA), Sa(Dev, "ns", "fresh", RoleB)],
        };

        var d = InventoryDrift.Compare(before, after);

        // prod/ns/migrated still has its association (annotation kept for rollback); dev only had an add-on association.
        Assert.Equal(["prod/ns/sneaky"], d.Regressions.Select(b => b.Key.Display));
        Assert.Equal(3, d.NewBindings.Count);
    }

    [Fact]
    public void Association_changes_are_reported_and_told_apart_from_the_tools_own()
    {
        var before = Snapshot(1, associations: [Assoc(Prod, "ns", "a", RoleA), Assoc(Prod, "ns", "b", RoleA), Assoc(Prod, "ns", "c", RoleA)]);
        var after = Snapshot(2, associations: [Assoc(Prod, "ns", "a", RoleB), Assoc(Prod, "ns", "c", RoleA, id: "a-2"), Assoc(Prod, "ns", "d", RoleA)]);
        var tool = new ToolChanges { Associations = new HashSet<BindingKey> { new(Prod, "ns", "d") } };

        var d = InventoryDrift.Compare(before, after, tool);

        Assert.Equal(
            [("prod/ns/a", DriftKind.Changed, "roleArn", false), ("prod/ns/b", DriftKind.Removed, "", false), ("prod/ns/c", DriftKind.Changed, "associationId", false), ("prod/ns/d", DriftKind.Added, "", true)],
            d.Associations.Select(a => (a.Key.Display, a.Kind, string.Join(",", a.ChangedFields), a.ByTool)));
        Assert.Equal(3, d.AssociationsChangedOutsideTool.Count());
    }

    [Fact]
    public void Trust_policy_changes_are_compared_as_json()
    {
        var reformatted = """
            { "Statement": [ { "Principal": { "Service": "pods.eks.amazonaws.com" }, "Effect": "Allow", "Action": [ "sts:AssumeRole", "sts:TagSession" ] } ],
              "Version": "2012-10-17" }
            """;
        var widened = Trust.Replace("pods.eks.amazonaws.com", "ec2.amazonaws.com", StringComparison.Ordinal);
        var before = Snapshot(1, roles: [Role(RoleA), Role(RoleB), Role("arn:aws:iam::111111111111:role/c"), Role("arn:aws:iam::111111111111:role/mine")]);
        var after = Snapshot(2, roles: [Role(RoleA, reformatted), Role(RoleB, widened), Role("arn:aws:iam::111111111111:role/c", null, exists: false), Role("arn:aws:iam::111111111111:role/mine", widened)]);
        var tool = new ToolChanges { RoleArns = new HashSet<string>(StringComparer.Ordinal) { "arn:aws:iam::111111111111:role/mine" } };

        var d = InventoryDrift.Compare(before, after, tool);

        Assert.Equal(
            [(RoleB, DriftKind.Changed, false), ("arn:aws:iam::111111111111:role/c", DriftKind.Removed, false), ("arn:aws:iam::111111111111:role/mine", DriftKind.Changed, true)],
            d.TrustPolicies.Select(t => (t.RoleArn, t.Kind, t.ByTool)));
        Assert.Equal(widened, d.TrustPolicies[0].CurrentDocument);
        Assert.Equal(2, d.TrustPoliciesChangedOutsideTool.Count());
    }

    [Fact]
    public void Role_that_could_not_be_read_is_not_trust_drift()
    {
        var before = Snapshot(1, roles: [Role(RoleA)]);
        var after = Snapshot(2, roles: [Role(RoleA, null) with { LookupError = "AccessDenied" }]);
        Assert.Empty(InventoryDrift.Compare(before, after).TrustPolicies);
    }

    [Fact]
    public void Clusters_added_and_removed_are_reported_with_their_bindings()
    {
        var staging = new ClusterRef("222222222222", "eu-west-1", "staging");
        var before = Snapshot(1, clusters: [Prod, Dev], sas: [Sa(Dev, "ns", "a", RoleA)]);
        var after = Snapshot(2, clusters: [Prod, staging], sas: [Sa(staging, "ns", "a", RoleA)]);

        var d = InventoryDrift.Compare(before, after);

        Assert.Equal([staging], d.ClustersAdded);
        Assert.Equal([Dev], d.ClustersRemoved);
        Assert.Equal(["staging/ns/a"], d.NewBindings.Select(b => b.Key.Display));
        Assert.Equal(["dev/ns/a"], d.RemovedBindings.Select(b => b.Key.Display));
    }

    [Fact]
    public void A_cluster_that_failed_to_collect_is_not_compared()
    {
        var before = Snapshot(1, sas: [Sa(Prod, "ns", "a", RoleA), Sa(Dev, "ns", "b", RoleA)], associations: [Assoc(Prod, "ns", "x", RoleA)]);
        var after = Snapshot(2,
            rows: [new ClusterInventory { Ref = Prod, CollectionError = "ListPods: 403" }],
            sas: [Sa(Dev, "ns", "b", RoleA)],
            errors: [new CollectionError("region", "111111111111/us-east-1", "ListClusters", "throttled")]);

        var d = InventoryDrift.Compare(before, after);

        // prod failed; dev is missing because its region could not be listed: neither is "removed".
        Assert.Equal([Dev, Prod], d.ClustersNotCompared);
        Assert.Empty(d.ClustersRemoved);
        Assert.Empty(d.RemovedBindings);
        Assert.Empty(d.Associations);
        Assert.True(d.IsEmpty);
    }
}
