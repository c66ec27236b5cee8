namespace Migrator.Sandbox.Tests.EstateModel;

/// <summary>The estate file is refused when it holds two Kubernetes objects a real API server could not hold at once.</summary>
public sealed class EstateDuplicateObjectTests
{
    private static EstateLoadResult ParseCluster(string kubernetes) => EstateFile.Parse($$"""
        { "formatVersion": 1,
          "accounts": [{ "id": "111122223333", "regions": ["us-east-1"] }],
          "clusters": [
            { "name": "other", "accountId": "111122223333", "region": "us-east-1",
              "serviceAccounts": [{ "namespace": "billing", "name": "auditor" }] },
            { "name": "staging-use1-10", "accountId": "111122223333", "region": "us-east-1", {{kubernetes}} }] }
        """, "estate.json");

    [Fact]
    public void Duplicate_service_account_in_one_cluster_and_namespace_is_refused_with_path_and_fix()
    {
        var result = ParseCluster("""
            "serviceAccounts": [
              { "namespace": "billing", "name": "auditor" },
              { "namespace": "orders", "name": "auditor" },
              { "namespace": "billing", "name": "auditor" }]
            """);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal("estate.json", error.File);
        Assert.Equal("$.clusters[1].serviceAccounts[2]", error.Path);
        Assert.Contains("duplicate service account billing/auditor in cluster staging-use1-10", error.Problem, StringComparison.Ordinal);
        Assert.Contains("$.clusters[1].serviceAccounts[0]", error.Problem, StringComparison.Ordinal);
        Assert.Contains("remove $.clusters[1].serviceAccounts[2] or rename it", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_service_account_in_another_cluster_or_namespace_is_accepted()
    {
        var result = ParseCluster("""
            "serviceAccounts": [{ "namespace": "billing", "name": "auditor" }, { "namespace": "orders", "name": "auditor" }]
            """);

        Assert.True(result.Success, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Duplicate_workload_of_one_kind_is_refused_but_another_kind_of_the_same_name_is_not()
    {
        var result = ParseCluster("""
            "serviceAccounts": [{ "namespace": "billing", "name": "auditor" }],
            "workloads": [
              { "kind": "deployment", "namespace": "billing", "name": "auditor", "serviceAccountName": "auditor", "containers": [{ "name": "app", "image": "a:1" }] },
              { "kind": "stateful-set", "namespace": "billing", "name": "auditor", "serviceAccountName": "auditor", "containers": [{ "name": "app", "image": "a:1" }] },
              { "kind": "deployment", "namespace": "billing", "name": "auditor", "serviceAccountName": "auditor", "containers": [{ "name": "app", "image": "a:2" }] }]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.clusters[1].workloads[2]", error.Path);
        Assert.Contains("duplicate workload Deployment billing/auditor in cluster staging-use1-10 (first at $.clusters[1].workloads[0])", error.Problem, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
    }

    [Fact]
    public void Duplicate_node_name_in_one_cluster_is_refused()
    {
        var result = ParseCluster("""
            "nodes": [
              { "name": "fargate-ip-10-3-105-229.ec2.internal", "computeType": "fargate" },
              { "name": "ip-10-1-2-3.ec2.internal" },
              { "name": "fargate-ip-10-3-105-229.ec2.internal", "computeType": "fargate" }]
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.clusters[1].nodes[2]", error.Path);
        Assert.Contains("duplicate node fargate-ip-10-3-105-229.ec2.internal in cluster staging-use1-10 (first at $.clusters[1].nodes[0])", error.Problem, StringComparison.Ordinal);
        Assert.Contains("remove $.clusters[1].nodes[2]", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_of_a_file_with_duplicates_throws_naming_each_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"estate-dup-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "formatVersion": 1, "accounts": [{ "id": "111122223333", "regions": ["us-east-1"] }],
              "clusters": [{ "name": "c1", "accountId": "111122223333", "region": "us-east-1",
                "serviceAccounts": [{ "namespace": "a", "name": "x" }, { "namespace": "a", "name": "x" }],
                "nodes": [{ "name": "n1" }, { "name": "n1" }] }] }
            """);
        try
        {
            var e = Assert.Throws<EstateValidationException>(() => EstateFile.Load(path));

            Assert.Equal(["$.clusters[0].serviceAccounts[1]", "$.clusters[0].nodes[1]"], e.Errors.Select(x => x.Path).ToArray());
            Assert.All(e.Errors, x => Assert.Equal(path, x.File));
            Assert.Contains("duplicate service account a/x", e.Message, StringComparison.Ordinal);
            Assert.Contains("duplicate node n1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
