using System.Net;
using System.Text;
using Migrator.Core.Ownership;
using Migrator.Core.Ownership.ChangeSets;

namespace Migrator.Sandbox.Tests.Owners;

/// <summary>The sandbox plays the owner: POST /admin/change-set applies (or reverts) what a change-set says.</summary>
public sealed class OwnerChangeApplierTests
{
    private const string Role = "arn:aws:iam::111122223333:role/workloads/payments-api";
    private const string Cluster = "111122223333/us-east-1/prod-east";

    private static OwnerChange Change(TrustChange? trust = null, AssociationChange? association = null, AnnotationsChange? annotations = null) => new()
    {
        PlanId = "plan-1", Phase = 1, StepId = "p1/x", Owner = new ResourceOwner(OwnerKind.Terraform, null, "tag managed-by=terraform"), Summary = "test",
        Trust = trust, Association = association, Annotations = annotations,
    };

    private static async Task<HttpResponseMessage> PostAsync(SandboxServer server, OwnerChange change, bool revert = false)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Endpoints.AdminUrl) };
        using var body = new StringContent(change.ToJson(), Encoding.UTF8, "application/json");
        return await http.PostAsync(revert ? "/admin/change-set?revert=true" : "/admin/change-set", body);
    }

    [Fact]
    public async Task Trust_association_and_annotation_changes_are_applied_and_reverted_as_their_owner_would()
    {
        await using var server = await SandboxServer.StartAsync(EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json")), new SandboxOptions(), CancellationToken.None);
        var before = server.State.Read(e => e.FindRole(Role)!.TrustPolicy);
        const string after = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";
        var trust = Change(trust: new TrustChange(Role, after, before));
        var association = Change(association: new AssociationChange(Cluster, "prod-east", "us-east-1", "payments", "api", Role, Present: true));
        var annotations = Change(annotations: new AnnotationsChange(Cluster, "payments", "api", new Dictionary<string, string>(), ["eks.amazonaws.com/role-arn"], new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = Role }));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, trust)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, association)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, annotations)).StatusCode);

        Assert.Equal(after, server.State.Read(e => e.FindRole(Role)!.TrustPolicy));
        var cluster = server.State.Snapshot().Clusters.Single();
        Assert.Equal(Role, cluster.FindAssociation("payments", "api")!.RoleArn);
        Assert.Null(cluster.FindServiceAccount("payments", "api")!.RoleArn);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, trust, revert: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, association, revert: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, annotations, revert: true)).StatusCode);

        Assert.Equal(before, server.State.Read(e => e.FindRole(Role)!.TrustPolicy));
        cluster = server.State.Snapshot().Clusters.Single();
        Assert.Null(cluster.FindAssociation("payments", "api"));
        Assert.Equal(Role, cluster.FindServiceAccount("payments", "api")!.RoleArn);
    }

    [Fact]
    public async Task A_change_naming_nothing_the_estate_has_is_refused_with_the_reason()
    {
        await using var server = await SandboxServer.StartAsync(EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json")), new SandboxOptions(), CancellationToken.None);

        var response = await PostAsync(server, Change(trust: new TrustChange("arn:aws:iam::111122223333:role/nope", "{}", "{}")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role arn:aws:iam::111122223333:role/nope is not in the sandbox estate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
