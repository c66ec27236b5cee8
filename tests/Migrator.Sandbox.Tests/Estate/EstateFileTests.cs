namespace Migrator.Sandbox.Tests.EstateModel;

public sealed class EstateFileTests
{
    private const string Account = """{ "id": "111122223333", "regions": ["us-east-1"] }""";

    private static EstateLoadResult Parse(string json) => EstateFile.Parse(json, "estate.json");

    private static string WithClusters(string clusters, string accounts = Account) =>
        $$"""{ "formatVersion": 1, "accounts": [{{accounts}}], "clusters": [{{clusters}}] }""";

    [Fact]
    public void Example_estate_in_the_repository_loads()
    {
        var result = EstateFile.Read(RepoFiles.PathOf("examples/estate.small.json"));

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal("prod-east", result.Estate!.Clusters.Single().Name);
    }

    [Fact]
    public void Malformed_json_reports_line_and_column()
    {
        var result = Parse("{\n  \"accounts\": [\n    { \"id\": \"111122223333\" \"regions\": [] }\n  ]\n}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("estate.json", error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("malformed JSON at line 3", error.Problem, StringComparison.Ordinal);
        Assert.StartsWith("estate.json(3,", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_account_names_the_cluster_path_and_the_known_accounts()
    {
        var result = Parse(WithClusters("""{ "name": "c1", "accountId": "999999999999", "region": "us-east-1" }"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.clusters[0].accountId", error.Path);
        Assert.Contains("unknown account '999999999999'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("111122223333", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_cluster_in_the_same_account_and_region_is_reported()
    {
        var cluster = """{ "name": "c1", "accountId": "111122223333", "region": "us-east-1" }""";

        var result = Parse(WithClusters(cluster + "," + cluster));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.clusters[1].name", error.Path);
        Assert.Contains("duplicate cluster c1", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_enum_value_lists_the_allowed_values()
    {
        var result = Parse(WithClusters("""{ "name": "c1", "accountId": "111122223333", "region": "us-east-1", "nodegroups": [{ "name": "ng", "os": "solaris" }] }"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.clusters[0].nodegroups[0].os", error.Path);
        Assert.Contains("'solaris'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("linux, windows", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var clusters = """
            { "name": "c1", "accountId": "111122223333", "region": "us-east-1", "kubernetesVersion": 1.29,
              "serviceAccounts": [{ "namespace": "a", "name": "x", "annotations": { "eks.amazonaws.com/role-arn": 42 } }],
              "workloads": [{ "kind": "deployment", "namespace": "a", "name": "w", "replicaz": 2 }] },
            { "name": "c2", "accountId": "111122223333", "region": "us-west-2", "nodegroups": [{ "name": "ng", "computeType": "lambda" }] }
            """;

        var result = Parse(WithClusters(clusters));
        var paths = result.Errors.Select(e => e.Path).ToList();

        Assert.False(result.Success);
        Assert.Contains("$.clusters[0].kubernetesVersion", paths);
        Assert.Contains("$.clusters[0].serviceAccounts[0].annotations['eks.amazonaws.com/role-arn']", paths);
        Assert.Contains("$.clusters[0].workloads[0].replicaz", paths);
        Assert.Contains("$.clusters[1].nodegroups[0].computeType", paths);
        Assert.Contains(result.Errors, e => e.Path == "$.clusters[0].workloads[0].replicaz" && e.Fix.Contains("'replicas'", StringComparison.Ordinal));
    }

    [Fact]
    public void Meaning_errors_are_all_reported_together()
    {
        var clusters = """
            { "name": "c1", "accountId": "111122223333", "region": "eu-west-1",
              "podIdentityAssociations": [
                { "namespace": "a", "serviceAccount": "x", "roleArn": "not-an-arn" },
                { "namespace": "a", "serviceAccount": "x", "roleArn": "arn:aws:iam::111122223333:role/r" }],
              "workloads": [{ "kind": "deployment", "namespace": "a", "name": "w", "serviceAccountName": "missing", "containers": [{ "name": "c", "image": "i" }] }] }
            """;

        var result = Parse(WithClusters(clusters));
        var paths = result.Errors.Select(e => e.Path).ToList();

        Assert.Contains("$.clusters[0].region", paths);
        Assert.Contains("$.clusters[0].podIdentityAssociations[0].roleArn", paths);
        Assert.Contains("$.clusters[0].podIdentityAssociations[1]", paths);
        Assert.Contains("$.clusters[0].workloads[0].serviceAccountName", paths);
    }

    [Fact]
    public void Missing_required_property_is_named()
    {
        var result = Parse(WithClusters("""{ "accountId": "111122223333", "region": "us-east-1" }"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.clusters[0].name", error.Path);
        Assert.Contains("missing required property 'name'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_trust_policy_json_is_reported_on_the_role()
    {
        var accounts = """{ "id": "111122223333", "regions": ["us-east-1"], "roles": [{ "name": "r", "trustPolicy": "{\"Version\": " }] }""";

        var result = Parse(WithClusters("", accounts));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.accounts[0].roles[0].trustPolicy", error.Path);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_the_file()
    {
        var result = EstateFile.Read("/nonexistent/estate.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("/nonexistent/estate.json", error.File);
        Assert.Contains("does not exist", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_throws_with_every_error_in_the_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"estate-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, WithClusters("""{ "name": "c1", "accountId": "1", "region": "us-east-1" }, { "name": "c1", "accountId": "1", "region": "us-east-1" }"""));
        try
        {
            var e = Assert.Throws<EstateValidationException>(() => EstateFile.Load(path));

            Assert.Equal(3, e.Errors.Count);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("$.clusters[1].name", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Save_then_load_round_trips_the_estate()
    {
        var estate = EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json"));
        var path = Path.Combine(Path.GetTempPath(), $"estate-{Guid.NewGuid():N}.json");
        try
        {
            EstateFile.Save(estate, path);
            Assert.Equal(EstateFile.Serialize(estate), EstateFile.Serialize(EstateFile.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Materialiser_derives_nodes_and_pods_with_kubernetes_metadata()
    {
        var estate = EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json"));

        EstateMaterializer.Prepare(estate, PodAdmission.None);
        var cluster = estate.Clusters[0];

        Assert.Equal(3, cluster.Nodes.Count(n => n.ComputeType == ComputeType.Ec2));
        Assert.Contains(cluster.Nodes, n => n.Labels[Node.OsLabel] == "windows");
        Assert.DoesNotContain(cluster.Nodes.Where(n => n.ComputeType == ComputeType.Ec2), n => n.Labels.ContainsKey(Node.ComputeTypeLabel));
        var api = cluster.Pods.Where(p => p.Namespace == "payments").ToList();
        Assert.Equal(2, api.Count);
        Assert.All(api, p => Assert.Equal("ReplicaSet", p.OwnerReferences.Single().Kind));
        Assert.All(api, p => Assert.Equal("linux", cluster.FindNode(p.NodeName!)!.Labels[Node.OsLabel]));
        var cron = cluster.Pods.Single(p => p.Namespace == "batch");
        Assert.Equal("fargate", cluster.FindNode(cron.NodeName!)!.Labels[Node.ComputeTypeLabel]);
        var all = cluster.Namespaces.Cast<KubeObject>().Concat(cluster.ServiceAccounts).Concat(cluster.Workloads).Concat(cluster.Pods).Concat(cluster.Nodes).ToList();
        Assert.All(all, o => Assert.NotNull(o.Uid));
        Assert.Equal(all.Count, all.Select(o => o.Uid).Distinct().Count());
        Assert.Equal(all.Count, all.Select(o => o.ResourceVersion).Distinct().Count());
        Assert.Contains(cluster.ServiceAccounts, s => s.Namespace == "payments" && s.Name == "default");
        Assert.All(cluster.Workloads, w => Assert.Equal(w.Generation, w.ObservedGeneration));
    }
}
