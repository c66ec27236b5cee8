using System.Text.Json;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Inventory;

public class AssociationRecordTests
{
    private static readonly ClusterRef Cluster = new("111122223333", "us-east-1", "blue");

    private static AssociationDescription Description() => new()
    {
        AssociationId = "a-1",
        AssociationArn = "arn:aws:eks:us-east-1:111122223333:podidentityassociation/blue/a-1",
        ClusterName = "blue",
        Namespace = "prod",
        ServiceAccount = "api",
        RoleArn = "arn:aws:iam::111122223333:role/api",
        CreatedAt = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero),
        Tags = new Dictionary<string, string> { ["managed-by"] = "migrator" },
    };

    [Fact]
    public void A_record_serializes_its_members_in_the_order_runs_show_json_has_always_written()
    {
        var record = new AssociationRecord { Cluster = Cluster, AssociationId = "a-1", Namespace = "prod", ServiceAccount = "api", RoleArn = "arn:aws:iam::111122223333:role/api" };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(record));

        Assert.Equal(
            ["Cluster", "AssociationId", "AssociationArn", "Namespace", "ServiceAccount", "RoleArn", "TargetRoleArn", "DisableSessionTags", "OwnerArn", "CreatedAt"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Records_and_descriptions_compare_by_value_within_their_own_kind()
    {
        var description = Description();
        var record = new AssociationRecord { Cluster = Cluster, AssociationId = description.AssociationId, Namespace = description.Namespace, ServiceAccount = description.ServiceAccount, RoleArn = description.RoleArn };

        Assert.Equal(description, description with { });
        Assert.NotEqual(description, description with { RoleArn = "arn:aws:iam::111122223333:role/other" });
        Assert.Equal(record, record with { });
        Assert.NotEqual<AssociationDetails>(record, description);
    }
}
