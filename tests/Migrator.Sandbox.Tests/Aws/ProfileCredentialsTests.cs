using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Migrator.Aws.Configuration;
using Migrator.Aws.Credentials;
using Migrator.Core.Ports;
using static Migrator.Sandbox.Tests.Aws.AwsSandbox;

namespace Migrator.Sandbox.Tests.Aws;

/// <summary>
/// Issue 18: credentials like the aws CLI. An account's named Profile (read from AWS_CONFIG_FILE and
/// AWS_SHARED_CREDENTIALS_FILE, temp files here) is used in the account or as the source of its AssumeRole, against the
/// sandbox's STS; an account reached with neither RoleArn nor Profile names both; ExternalId reaches the trust policy.
/// </summary>
[Collection(AwsProfileEnvironment.Name)]
public sealed class ProfileCredentialsTests : IDisposable
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("migrator-aws-profiles-").FullName;
    private readonly string? _config = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE");
    private readonly string? _credentials = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", _config);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", _credentials);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Writes the aws CLI's two files: [profile NAME] sections in config, [NAME] sections with keys in credentials.</summary>
    private void WriteProfiles(string credentials, string config = "")
    {
        File.WriteAllText(Path.Combine(_dir, "credentials"), credentials);
        File.WriteAllText(Path.Combine(_dir, "config"), config);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_dir, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(_dir, "config"));
    }

    /// <summary>Starting credentials that STS refuses: whatever works below came from the profile.</summary>
    private static void NoUsableStartingCredentials(Dictionary<string, string?> s)
    {
        s["Aws:Credentials:AccessKeyId"] = "AKIAEXAMPLENOTVALID0";
        s["Aws:Credentials:SecretAccessKey"] = "not-a-secret";
    }

    [Fact]
    public async Task A_profile_with_keys_acts_in_its_account_and_is_the_source_of_another_accounts_assume_role()
    {
        await using var sandbox = await StartAsync(configure: s =>
        {
            NoUsableStartingCredentials(s);
            s["Aws:Accounts:0:Profile"] = "platform";
            s["Aws:Accounts:1:Profile"] = "platform";
        });
        var op = sandbox.Server.OperatorCredentials;
        WriteProfiles($"[platform]\naws_access_key_id = {op.AccessKeyId}\naws_secret_access_key = {op.SecretAccessKey}\n",
            "[profile platform]\nregion = us-east-1\n");

        var home = await sandbox.Credentials.GetCallerIdentityAsync(AccountA, _ct);
        var assumed = await sandbox.Credentials.GetCallerIdentityAsync(AccountB, _ct);

        Assert.Equal((AccountA, op.PrincipalArn), (home.Account, home.Arn));
        Assert.Equal(AccountB, assumed.Account);
        Assert.Contains(":assumed-role/MigratorAccess/", assumed.Arn, StringComparison.Ordinal);
        Assert.NotNull(await sandbox.Iam.GetRoleAsync(AccountB, "b-only", _ct));
    }

    [Fact]
    public async Task A_profile_of_another_account_is_refused_naming_the_profile_and_both_ways_to_fix_it()
    {
        await using var sandbox = await StartAsync(configure: s =>
        {
            s.Remove("Aws:Accounts:1:RoleArn");
            s["Aws:Accounts:1:Profile"] = "platform";
        });
        var op = sandbox.Server.OperatorCredentials;
        WriteProfiles($"[platform]\naws_access_key_id = {op.AccessKeyId}\naws_secret_access_key = {op.SecretAccessKey}\n");

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.GetRoleAsync(AccountB, "b-only", _ct));

        Assert.Contains($"Profile 'platform' (Aws:Accounts:1:Profile) acts in account {AccountA}", e.AwsMessage, StringComparison.Ordinal);
        Assert.Contains("Aws:Accounts:1:RoleArn", e.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_profile_names_the_files_it_was_looked_for_in()
    {
        await using var sandbox = await StartAsync(configure: s => s["Aws:Accounts:0:Profile"] = "nobody");
        WriteProfiles("[someone]\naws_access_key_id = AKIAEXAMPLE000000000\naws_secret_access_key = x\n");

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Credentials.GetAsync(AccountA, _ct));

        Assert.Equal("ProfileNotFound", e.ErrorCode);
        Assert.Contains("Aws:Accounts:0:Profile 'nobody'", e.AwsMessage, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "config"), e.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_with_neither_role_nor_profile_names_both_options()
    {
        await using var sandbox = await StartAsync(configure: s => s.Remove("Aws:Accounts:1:RoleArn"));

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.GetRoleAsync(AccountB, "b-only", _ct));
        var unlisted = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Credentials.GetAsync("333333333333", _ct));

        Assert.Contains("Aws:Accounts:1:RoleArn", e.AwsMessage, StringComparison.Ordinal);
        Assert.Contains("Aws:Accounts:1:Profile", e.AwsMessage, StringComparison.Ordinal);
        Assert.Contains("RoleArn", unlisted.AwsMessage, StringComparison.Ordinal);
        Assert.Contains("Profile", unlisted.AwsMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_access_role_trust_policy_admits_only_the_configured_external_id()
    {
        await using var sandbox = await StartAsync();
        var op = sandbox.Server.OperatorCredentials;
        // deploy/iam/access-role-trust-policy.json for this estate: the operator plays the worker role.
        var trust = JsonNode.Parse(File.ReadAllText(RepoFiles.PathOf("deploy/iam/access-role-trust-policy.json")))!;
        var statement = trust["Statement"]![0]!;
        statement["Principal"]!["AWS"] = op.PrincipalArn;
        statement["Condition"]!["StringEquals"]!["sts:ExternalId"] = "migrator-b-7f3a";
        await sandbox.Iam.UpdateAssumeRolePolicyAsync(AccountB, "MigratorAccess", trust.ToJsonString(), _ct);

        Assert.Equal(AccountB, (await Credentials(sandbox, "migrator-b-7f3a").GetCallerIdentityAsync(AccountB, _ct)).Account);
        foreach (var wrong in new[] { "migrator-a-0000", null })
        {
            var e = await Assert.ThrowsAsync<AwsApiException>(() => Credentials(sandbox, wrong).GetAsync(AccountB, _ct));
            Assert.Equal("AccessDenied", e.ErrorCode);
        }
    }

    /// <summary>A fresh AwsAccountCredentials over the sandbox's configuration, with account B's ExternalId set.</summary>
    private static AwsAccountCredentials Credentials(AwsSandbox sandbox, string? externalId)
    {
        var configured = sandbox.Services.GetRequiredService<IOptions<AwsOptions>>().Value;
        var options = new AwsOptions
        {
            Endpoints = configured.Endpoints,
            Credentials = configured.Credentials,
            Retry = new AwsRetryOptions { MaxRetries = 0 },
            Accounts = configured.Accounts.Select(a => new AwsAccountOptions
            {
                Id = a.Id, RoleArn = a.RoleArn, Regions = a.Regions, ExternalId = a.Id == AccountB ? externalId : a.ExternalId,
            }).ToList(),
        };
        return new AwsAccountCredentials(Options.Create(options), new AwsEndpoints(options), TimeProvider.System, NullLogger<AwsAccountCredentials>.Instance);
    }
}

/// <summary>Tests that set AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (process-wide) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AwsProfileEnvironment
{
    public const string Name = "aws-profile-environment";
}

/// <summary>The Profile and ExternalId settings are checked at start-up with their configuration paths.</summary>
public sealed class AccountCredentialOptionsTests
{
    [Fact]
    public void A_malformed_profile_name_or_external_id_is_reported_with_its_path()
    {
        var options = new AwsOptions
        {
            Accounts =
            [
                new AwsAccountOptions { Id = "111111111111", Profile = "my profile", Regions = ["us-east-1"] },
                new AwsAccountOptions { Id = "222222222222", RoleArn = "arn:aws:iam::222222222222:role/migrator-access", ExternalId = "x", Regions = ["us-east-1"] },
                new AwsAccountOptions { Id = "333333333333", Profile = "sso-prod", RoleArn = "arn:aws:iam::333333333333:role/migrator-access", ExternalId = "migrator-prod-7f3a" },
            ],
        };

        var failures = new AwsOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Aws:Accounts:0:Profile must be the name of an aws CLI profile", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Aws:Accounts:1:ExternalId must be 2 to 1224 characters", failures[1], StringComparison.Ordinal);
    }
}
