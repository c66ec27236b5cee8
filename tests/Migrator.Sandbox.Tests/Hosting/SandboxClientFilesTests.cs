using k8s;

namespace Migrator.Sandbox.Tests.Hosting;

public sealed class SandboxClientFilesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Written_kubeconfig_lets_the_real_kubernetes_client_list_service_accounts(bool tls)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"sandbox-files-{Guid.NewGuid():N}");
        var options = new SandboxOptions { KubernetesTls = tls };
        await using var server = await SandboxServer.StartAsync(EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json")), options, CancellationToken.None);
        try
        {
            var files = new SandboxClientFiles(server).WriteTo(dir);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(files["kubeconfig"], "arn:aws:eks:us-east-1:111122223333:cluster/prod-east");
            using var client = new k8s.Kubernetes(config);

            var accounts = await client.CoreV1.ListServiceAccountForAllNamespacesAsync();

            Assert.Contains(accounts.Items, s => s.Metadata.NamespaceProperty == "payments" && s.Metadata.Name == "api");
            Assert.Equal(server.Endpoints.ClusterUrl("111122223333", "us-east-1", "prod-east"), config.Host.TrimEnd('/'));
            Assert.StartsWith(tls ? "https://" : "http://", config.Host, StringComparison.Ordinal);
            Assert.Equal(tls, server.Context.KubernetesCertificateAuthorityData is not null);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Aws_files_carry_the_operator_key_and_an_endpoint_per_service()
    {
        await using var server = await SandboxServer.StartAsync(EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json")), new SandboxOptions(), CancellationToken.None);
        var files = new SandboxClientFiles(server);

        var credentials = files.AwsCredentials();
        var config = files.AwsConfig();

        Assert.Contains($"[sandbox]\naws_access_key_id = {server.OperatorCredentials.AccessKeyId}\naws_secret_access_key = {server.OperatorCredentials.SecretAccessKey}", credentials, StringComparison.Ordinal);
        Assert.Contains("[sandbox-platform]", credentials, StringComparison.Ordinal);
        Assert.Contains($"eks =\n  endpoint_url = {server.Endpoints.EksUrl}\n", config, StringComparison.Ordinal);
        Assert.Contains($"iam =\n  endpoint_url = {server.Endpoints.IamUrl}\n", config, StringComparison.Ordinal);
        Assert.Contains($"sts =\n  endpoint_url = {server.Endpoints.StsUrl}\n", config, StringComparison.Ordinal);
        Assert.Contains($"cloudtrail =\n  endpoint_url = {server.Endpoints.CloudTrailUrl}\n", config, StringComparison.Ordinal);
        Assert.Contains("role_arn = arn:aws:iam::111122223333:role/MigratorAccess", config, StringComparison.Ordinal);
        Assert.Contains(server.Endpoints.EksUrl, files.MigratorConfiguration(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Migrator_configuration_runs_owners_direct_unless_the_sandbox_rehearses_change_sets(bool changeSets)
    {
        await using var server = await SandboxServer.StartAsync(EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json")), new SandboxOptions { OwnerChangeSets = changeSets }, CancellationToken.None);

        var config = System.Text.Json.Nodes.JsonNode.Parse(new SandboxClientFiles(server).MigratorConfiguration())!;

        if (changeSets)
        {
            Assert.Null(config["Planning"]);
            Assert.Equal(OwnerMarks.TerraformTagValue, config["Owners"]!["TerraformTags"]![OwnerMarks.TerraformTagKey]!.GetValue<string>());
        }
        else
        {
            Assert.All(Enum.GetNames<Core.Ownership.OwnerKind>(), k => Assert.Equal("Direct", config["Planning"]!["OwnerModes"]![k]!.GetValue<string>()));
        }
    }
}
