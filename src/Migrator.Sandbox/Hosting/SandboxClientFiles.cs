using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Migrator.Sandbox;

/// <summary>
/// Client configuration that aims real tools at a running sandbox: a kubeconfig (one context per cluster, named by
/// the cluster ARN as 'aws eks update-kubeconfig' names it, with the cluster's static bearer token), an AWS config and
/// credentials file (a profile per account with per-service endpoint_url), and a Migrator configuration file.
/// </summary>
public sealed class SandboxClientFiles
{
    public const string OperatorProfile = "sandbox";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly JsonSerializerOptions WebIndented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly SandboxServer _server;

    public SandboxClientFiles(SandboxServer server) => _server = server;

    /// <summary>
    /// Writes kubeconfig, aws-config, aws-credentials, migrator.sandbox.json and endpoints.json into a directory; returns
    /// the paths. Each is 0600: kubeconfig, aws-credentials and migrator.sandbox.json hold tokens and secret keys.
    /// </summary>
    public IReadOnlyDictionary<string, string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new Dictionary<string, string>
        {
            ["kubeconfig"] = Kubeconfig(),
            ["aws-config"] = AwsConfig(),
            ["aws-credentials"] = AwsCredentials(),
            ["migrator.sandbox.json"] = MigratorConfiguration(),
            ["endpoints.json"] = EndpointsJson(),
        };
        var paths = new Dictionary<string, string>();
        foreach (var (name, content) in files)
        {
            var path = Path.GetFullPath(Path.Combine(directory, name));
            OwnerOnlyFile.WriteAllText(path, content);
            paths[name] = path;
        }
        return paths;
    }

    public string Kubeconfig()
    {
        var clusters = _server.State.Read(e => e.Clusters.Select(c => (c.Arn, Url: _server.Endpoints.ClusterUrl(c), Token: _server.Credentials.ClusterTokenOf(c).Token)).ToList());
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\npreferences: {}\nclusters:\n");
        var authority = _server.Context.KubernetesCertificateAuthorityData;
        foreach (var c in clusters)
        {
            sb.Append($"- name: {c.Arn}\n  cluster:\n    server: {c.Url}\n");
            if (authority is not null)
                sb.Append($"    certificate-authority-data: {authority}\n");
        }
        sb.Append("contexts:\n");
        foreach (var c in clusters)
            sb.Append($"- name: {c.Arn}\n  context:\n    cluster: {c.Arn}\n    user: {c.Arn}\n");
        sb.Append("users:\n");
        foreach (var c in clusters)
            sb.Append($"- name: {c.Arn}\n  user:\n    token: {c.Token}\n");
        sb.Append($"current-context: {(clusters.Count > 0 ? clusters[0].Arn : "\"\"")}\n");
        return sb.ToString();
    }

    public string AwsConfig()
    {
        var accounts = _server.State.Read(e => e.Accounts.Select(a => (a.Id, a.Name, Region: a.Regions.FirstOrDefault() ?? "us-east-1", a.Partition, a.AccessRoleName)).ToList());
        var sb = new StringBuilder();
        var first = accounts[0];
        sb.Append($"[profile {OperatorProfile}]\nregion = {first.Region}\nservices = sandbox-endpoints\n\n");
        foreach (var a in accounts)
        {
            sb.Append($"[profile {ProfileOf(a.Id, a.Name)}]\nregion = {a.Region}\nservices = sandbox-endpoints\n\n");
            if (a.AccessRoleName is not null)
                sb.Append($"[profile {ProfileOf(a.Id, a.Name)}-assumed]\nregion = {a.Region}\nrole_arn = arn:{a.Partition}:iam::{a.Id}:role/{a.AccessRoleName}\nsource_profile = {OperatorProfile}\nservices = sandbox-endpoints\n\n");
        }
        sb.Append("[services sandbox-endpoints]\n");
        sb.Append($"eks =\n  endpoint_url = {_server.Endpoints.EksUrl}\n");
        sb.Append($"iam =\n  endpoint_url = {_server.Endpoints.IamUrl}\n");
        sb.Append($"sts =\n  endpoint_url = {_server.Endpoints.StsUrl}\n");
        sb.Append($"cloudtrail =\n  endpoint_url = {_server.Endpoints.CloudTrailUrl}\n");
        return sb.ToString();
    }

    public string AwsCredentials()
    {
        var accounts = _server.State.Read(e => e.Accounts.Select(a => (a.Id, a.Name)).ToList());
        var sb = new StringBuilder();
        var op = _server.OperatorCredentials;
        sb.Append($"[{OperatorProfile}]\naws_access_key_id = {op.AccessKeyId}\naws_secret_access_key = {op.SecretAccessKey}\n\n");
        foreach (var (id, name) in accounts)
        {
            var key = _server.Credentials.AccountKeys[id];
            sb.Append($"[{ProfileOf(id, name)}]\naws_access_key_id = {key.AccessKeyId}\naws_secret_access_key = {key.SecretAccessKey}\n\n");
        }
        return sb.ToString();
    }

    /// <summary>A configuration file for 'migrator --config FILE': the Aws section aimed at the sandbox.</summary>
    public string MigratorConfiguration()
    {
        var accounts = _server.State.Read(e => e.Accounts.Select(a => new JsonObject
        {
            ["Id"] = a.Id,
            ["RoleArn"] = a.AccessRoleName is null ? null : $"arn:{a.Partition}:iam::{a.Id}:role/{a.AccessRoleName}",
            ["Regions"] = new JsonArray(a.Regions.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
        }).ToList());
        var root = new JsonObject
        {
            ["Aws"] = new JsonObject
            {
                ["Accounts"] = new JsonArray(accounts.Select(a => (JsonNode)a).ToArray()),
                ["Endpoints"] = new JsonObject { ["Eks"] = _server.Endpoints.EksUrl, ["Iam"] = _server.Endpoints.IamUrl, ["Sts"] = _server.Endpoints.StsUrl, ["CloudTrail"] = _server.Endpoints.CloudTrailUrl },
                ["Credentials"] = new JsonObject { ["AccessKeyId"] = _server.OperatorCredentials.AccessKeyId, ["SecretAccessKey"] = _server.OperatorCredentials.SecretAccessKey },
            },
        };
        if (_server.Context.Options.OwnerChangeSets)
            root["Owners"] = new JsonObject { ["TerraformTags"] = new JsonObject { [OwnerMarks.TerraformTagKey] = OwnerMarks.TerraformTagValue } };
        else
            root["Planning"] = new JsonObject { ["OwnerModes"] = new JsonObject(Enum.GetValues<Core.Ownership.OwnerKind>().Select(k => KeyValuePair.Create(k.ToString(), (JsonNode?)JsonValue.Create(nameof(Core.Ownership.ExecutionMode.Direct))))) };
        return root.ToJsonString(Indented) + "\n";
    }

    public string EndpointsJson() => JsonSerializer.Serialize(new
    {
        _server.Endpoints,
        Operator = new { _server.OperatorCredentials.AccessKeyId, _server.OperatorCredentials.SecretAccessKey, _server.OperatorCredentials.AccountId, _server.OperatorCredentials.PrincipalArn },
        Clusters = _server.State.Read(e => e.Clusters.Select(c => new { c.Name, c.AccountId, c.Region, c.Arn, Server = _server.Endpoints.ClusterUrl(c), _server.Credentials.ClusterTokenOf(c).Token }).ToList()),
    }, WebIndented) + "\n";

    /// <summary>The AWS profile name of an account: sandbox-NAME (or sandbox-ID when unnamed).</summary>
    public static string ProfileOf(string accountId, string name) => $"{OperatorProfile}-{(string.IsNullOrWhiteSpace(name) ? accountId : name)}";
}
