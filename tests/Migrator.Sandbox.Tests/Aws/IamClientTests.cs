using Migrator.Core.Ports;
using static Migrator.Sandbox.Tests.Aws.AwsSandbox;

namespace Migrator.Sandbox.Tests.Aws;

public sealed class IamClientTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task GetRole_decodes_the_trust_policy_and_keeps_path_and_tags()
    {
        await using var sandbox = await StartAsync();
        var expected = sandbox.Server.State.Read(e => e.FindAccount(AccountA)!.FindRole("payments-api")!.TrustPolicy);

        var role = await sandbox.Iam.GetRoleAsync(AccountA, "payments-api", _ct);

        Assert.NotNull(role);
        Assert.Equal(RoleArn(AccountA, "payments-api", "/workloads/"), role.Arn);
        Assert.Equal("/workloads/", role.Path);
        Assert.Equal(expected, role.TrustPolicy);
        Assert.Equal("gold", role.Tags["tier"]);
    }

    [Fact]
    public async Task GetRole_of_a_missing_role_is_null_and_not_retried()
    {
        await using var sandbox = await StartAsync();

        Assert.Null(await sandbox.Iam.GetRoleAsync(AccountA, "does-not-exist", _ct));
        Assert.Equal(1, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole"));
    }

    [Fact]
    public async Task ListRoles_follows_the_marker()
    {
        await using var sandbox = await StartAsync();

        var roles = await sandbox.Iam.ListRolesAsync(AccountA, "/apps/", _ct);

        Assert.Equal(PagedRoles, roles.Count);
        Assert.Equal(Enumerable.Range(0, PagedRoles).Select(i => $"app-{i:000}"), roles.Select(r => r.Name));
        Assert.Contains("system:serviceaccount:apps:app-042", roles[42].TrustPolicy, StringComparison.Ordinal);
        Assert.Equal(2, sandbox.Server.Counters.Calls(SandboxService.Iam, "ListRoles"));
    }

    [Fact]
    public async Task ListRoleDetails_gives_every_role_as_GetRole_does_plus_its_attached_policies_in_one_call()
    {
        await using var sandbox = await StartAsync();

        var details = await sandbox.Iam.ListRoleDetailsAsync(AccountA, _ct);

        Assert.Equal(PagedRoles + 3, details.Count);
        Assert.Equal(1, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetAccountAuthorizationDetails"));
        foreach (var name in new[] { "payments-api", "MigratorAccess", "eks-node", "app-042" })
        {
            var viaGetRole = (await sandbox.Iam.GetRoleAsync(AccountA, name, _ct))!;
            var viaDetails = details.Single(r => r.Name == name);
            Assert.Equal((viaGetRole.Arn, viaGetRole.Path, viaGetRole.TrustPolicy, viaGetRole.LastUsedAt, viaGetRole.LastUsedRegion),
                (viaDetails.Arn, viaDetails.Path, viaDetails.TrustPolicy, viaDetails.LastUsedAt, viaDetails.LastUsedRegion));
            Assert.Equal(viaGetRole.Tags, viaDetails.Tags);
            Assert.Null(viaGetRole.AttachedPolicies);
        }

        Assert.Equal(["AmazonDynamoDBReadOnlyAccess", "payments-table-write"], details.Single(r => r.Name == "payments-api").AttachedPolicies);
        Assert.Empty(details.Single(r => r.Name == "eks-node").AttachedPolicies!);
        Assert.StartsWith("{\"Version\"", details.Single(r => r.Name == "payments-api").TrustPolicy, StringComparison.Ordinal);
        Assert.Equal("b-only", (await sandbox.Iam.ListRoleDetailsAsync(AccountB, _ct)).Single(r => r.Name != "MigratorAccess").Name);
    }

    [Fact]
    public async Task ListRoleDetails_follows_the_marker_in_pages_of_a_thousand()
    {
        await using var sandbox = await StartAsync();
        sandbox.Server.State.Write(e =>
        {
            for (var i = 0; i < 1000; i++)
                e.FindAccount(AccountA)!.Roles.Add(new IamRole { Name = $"bulk-{i:0000}", TrustPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" });
        });

        var details = await sandbox.Iam.ListRoleDetailsAsync(AccountA, _ct);

        Assert.Equal(PagedRoles + 3 + 1000, details.Count);
        Assert.Equal(details.Count, details.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetAccountAuthorizationDetails"));
    }

    [Fact]
    public async Task ListRoleDetails_is_paced_per_account_on_its_own_and_retried_when_throttled()
    {
        await using var sandbox = await StartAsync(r => r.AuthorizationDetailsPerSecond = 1);

        var first = await sandbox.Iam.ListRoleDetailsAsync(AccountA, _ct);
        var second = await sandbox.Iam.ListRoleDetailsAsync(AccountA, _ct);

        Assert.Equal(first.Select(r => r.Arn), second.Select(r => r.Arn));
        Assert.True(sandbox.Server.Counters.Snapshot().Throttled["iam"]["GetAccountAuthorizationDetails"] >= 1);
        Assert.NotNull(await sandbox.Iam.GetRoleAsync(AccountA, "payments-api", _ct));
    }

    [Fact]
    public async Task ListRoleDetails_denied_is_AccessDenied_and_not_retried()
    {
        await using var sandbox = await StartAsync(r => r.DenyAuthorizationDetails = true);

        var denied = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.ListRoleDetailsAsync(AccountA, _ct));

        Assert.Equal(("AccessDenied", 403), (denied.ErrorCode, denied.StatusCode));
        Assert.Contains("iam:GetAccountAuthorizationDetails", denied.Message, StringComparison.Ordinal);
        Assert.Equal(1, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetAccountAuthorizationDetails"));
    }

    [Fact]
    public async Task Attached_policies_tags_and_oidc_providers_are_listed()
    {
        await using var sandbox = await StartAsync();

        var policies = await sandbox.Iam.ListAttachedRolePolicyNamesAsync(AccountA, "payments-api", _ct);
        var tags = await sandbox.Iam.ListRoleTagsAsync(AccountA, "payments-api", _ct);
        var providersA = await sandbox.Iam.ListOidcProvidersAsync(AccountA, _ct);
        var providersB = await sandbox.Iam.ListOidcProvidersAsync(AccountB, _ct);

        Assert.Equal(["AmazonDynamoDBReadOnlyAccess", "payments-table-write"], policies);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["tier"] = "gold" }, tags);
        Assert.Equal($"arn:aws:iam::{AccountA}:oidc-provider/{IssuerA}", providersA.Single().Arn);
        Assert.Equal(IssuerA, providersA.Single().Url);
        Assert.Equal(["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"], providersA.Single().Thumbprints);
        Assert.Equal(["sts.amazonaws.com", "extra-audience"], providersB.Single().ClientIds);
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_applies_valid_documents_and_refuses_malformed_or_oversized_ones()
    {
        await using var sandbox = await StartAsync();
        const string valid = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";
        var oversized = """{"Version":"2012-10-17","Statement":[""" + string.Join(",", Enumerable.Range(0, 40).Select(i =>
            $$"""{"Sid":"S{{i}}","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}""")) + "]}";

        await sandbox.Iam.UpdateAssumeRolePolicyAsync(AccountA, "payments-api", valid, _ct);
        var malformed = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.UpdateAssumeRolePolicyAsync(AccountA, "payments-api", "{\"Version\":", _ct));
        var tooBig = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.UpdateAssumeRolePolicyAsync(AccountA, "payments-api", oversized, _ct));
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.UpdateAssumeRolePolicyAsync(AccountA, "nope", valid, _ct));

        Assert.Equal(valid, (await sandbox.Iam.GetRoleAsync(AccountA, "payments-api", _ct))!.TrustPolicy);
        Assert.Equal(("MalformedPolicyDocument", 400), (malformed.ErrorCode, malformed.StatusCode));
        Assert.Equal(("LimitExceeded", 409), (tooBig.ErrorCode, tooBig.StatusCode));
        Assert.Equal(("NoSuchEntity", 404), (missing.ErrorCode, missing.StatusCode));
        Assert.Equal((4, 1), (sandbox.Server.Counters.Calls(SandboxService.Iam, "UpdateAssumeRolePolicy"), sandbox.Server.Counters.Applied(SandboxService.Iam, "UpdateAssumeRolePolicy")));
    }

    [Fact]
    public async Task A_hold_armed_after_one_mutation_holds_every_later_call_until_released()
    {
        await using var sandbox = await StartAsync();
        var hold = sandbox.Server.Counters.Hold;
        hold.Arm(1);

        var role = await sandbox.Iam.GetRoleAsync(AccountA, "payments-api", _ct);
        Assert.False(hold.Holding);
        await sandbox.Iam.UpdateAssumeRolePolicyAsync(AccountA, "payments-api", role!.TrustPolicy!, _ct);
        var held = sandbox.Iam.GetRoleAsync(AccountA, "payments-api", _ct);
        while (sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole") < 2)
            await Task.Delay(10);

        // Counted on arrival, waiting at the hold: it cannot have been answered.
        Assert.True(hold.Holding);
        Assert.Equal(1, hold.AppliedSinceArmed);
        Assert.False(held.IsCompleted);
        hold.Release();
        Assert.Equal(role.Arn, (await held)!.Arn);
        Assert.False(hold.Holding);
    }

    [Fact]
    public async Task Roles_are_read_in_the_account_the_credentials_act_in()
    {
        await using var sandbox = await StartAsync();

        var inB = await sandbox.Iam.GetRoleAsync(AccountB, "b-only", _ct);
        var inA = await sandbox.Iam.GetRoleAsync(AccountA, "b-only", _ct);

        Assert.Equal(RoleArn(AccountB, "b-only"), inB!.Arn);
        Assert.Equal("b", inB.Tags["owner"]);
        Assert.Null(inA);
    }

    [Fact]
    public async Task RoleCache_fetches_each_unique_role_once_per_run()
    {
        await using var sandbox = await StartAsync();
        var arns = new[] { RoleArn(AccountA, "payments-api", "/workloads/"), RoleArn(AccountA, "app-001", "/apps/"), RoleArn(AccountB, "b-only"), RoleArn(AccountA, "ghost") };

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => sandbox.Roles.GetAsync(arns[i % arns.Length], _ct)));
        var callsFirstRun = sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole");
        sandbox.Roles.Reset();
        await sandbox.Roles.GetAsync(arns[0], _ct);

        Assert.Equal(4, callsFirstRun);
        Assert.Equal(5, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole"));
        Assert.Equal(10, results.Count(r => r is null));
        Assert.Equal(("111111111111", "payments-api"), Migrator.Aws.Iam.RoleCache.Parse(arns[0]));
    }
}
