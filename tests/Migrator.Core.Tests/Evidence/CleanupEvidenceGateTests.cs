using Migrator.Core.Evidence;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Tests.Execution;

namespace Migrator.Core.Tests.Evidence;

/// <summary>Issue 17: a cleanup removes IRSA only on CloudTrail evidence of the cut-over, or on a recorded override.</summary>
public sealed class CleanupEvidenceGateTests
{
    private static readonly AwsScope EastScope = new(TestEstate.East.AccountId, TestEstate.East.Region);
    private static readonly BindingKey Api = new(TestEstate.East, "team-a", "api");
    private static readonly BindingKey Worker = new(TestEstate.East, "team-a", "worker");

    private readonly Harness _h = new(TestEstate.Standard());
    private readonly FakeCredentialUseEvents _events = new();
    private int _ids;

    private int Cleanup => _h.Plan.Phases.Single(p => p.CleanupOf == 1).Number;

    private Task<PhaseRunResult> RunAsync(int phase, IReadOnlyList<EvidenceOverride>? overrides = null) =>
        new PhaseExecutor(new ExecutionPorts(_h.World, _h.World, _h.World, _h.Journal, RewriterTrustEditor.For(_h.Plan), _events),
                Harness.Settings with { Evidence = new EvidenceSettings { DeliveryDelay = TimeSpan.FromMinutes(15) } }, _h.Time)
            .RunPhaseAsync(_h.Plan, phase, _h.Approvals, "test-holder", CancellationToken.None, overrides);

    private CredentialUse PodIdentityUse(BindingKey key, string role, DateTimeOffset at) => new()
    {
        Kind = CredentialUseKind.PodIdentity, EventId = $"pi-{++_ids}", Time = at, Region = key.Cluster.Region,
        RoleAccountId = RoleArns.AccountOf(role), RoleName = RoleArns.NameOf(role), Namespace = key.Namespace, ServiceAccount = key.ServiceAccount,
        ClusterName = key.Cluster.Name,
    };

    private CredentialUse WebIdentityUse(BindingKey key, string role, DateTimeOffset at) => new()
    {
        Kind = CredentialUseKind.WebIdentity, EventId = $"irsa-{++_ids}", Time = at, Region = key.Cluster.Region, RoleArn = role,
        RoleAccountId = RoleArns.AccountOf(role), RoleName = RoleArns.NameOf(role), Namespace = key.Namespace, ServiceAccount = key.ServiceAccount,
        Issuer = TestEstate.EastIssuer, SourceIp = "10.0.1.17",
    };

    /// <summary>Runs the canary; its pods then obtain credentials through Pod Identity; the soak and the delivery delay pass.</summary>
    private async Task MigrateCanaryOnPodIdentityAsync()
    {
        await _h.RunAsync(0);
        Assert.Equal(PhaseRunStatus.Completed, (await _h.RunAsync(1)).Status);
        _events.Add(EastScope, PodIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow()));
        _events.Add(EastScope, PodIdentityUse(Worker, TestEstate.RoleArn("app-b"), _h.Time.GetUtcNow()));
        _h.Time.Advance(TimeSpan.FromDays(2));
    }

    private bool StillAnnotated(BindingKey key) => _h.World.Annotations[key].ContainsKey(ServiceAccountRecord.RoleArnAnnotation);

    [Fact]
    public async Task Cleanup_proceeds_on_evidence_and_journals_it()
    {
        await MigrateCanaryOnPodIdentityAsync();

        var cleanup = await RunAsync(Cleanup);

        Assert.Equal(PhaseRunStatus.Completed, cleanup.Status);
        Assert.All(cleanup.Bindings, b => Assert.Equal(BindingResult.Succeeded, b.Result));
        Assert.False(StillAnnotated(Api));
        var cleared = _h.Journal.Entries.Single(e => e.Status == JournalStatus.EvidenceCleared && e.Binding == Api);
        Assert.Contains("AssumeRoleForPodIdentity", cleared.Message, StringComparison.Ordinal);
        Assert.Contains("no AssumeRoleWithWebIdentity", cleared.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_still_using_irsa_is_held_with_the_newest_event_as_evidence_and_the_phase_is_not_failed()
    {
        await MigrateCanaryOnPodIdentityAsync();
        var older = WebIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow().AddHours(-3));
        var newest = WebIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow().AddHours(-1));
        _events.Add(EastScope, older).Add(EastScope, newest);

        var cleanup = await RunAsync(Cleanup);

        var api = cleanup.Bindings.Single(b => b.Key == Api);
        Assert.Equal(BindingResult.NotStarted, api.Result);
        Assert.Contains($"event {newest.EventId}", api.Message, StringComparison.Ordinal);
        Assert.Contains("2 AssumeRoleWithWebIdentity event(s)", api.Message, StringComparison.Ordinal);
        Assert.True(StillAnnotated(Api), "IRSA annotations of a binding still using IRSA must stay");
        Assert.Equal(BindingResult.Succeeded, cleanup.Bindings.Single(b => b.Key == Worker).Result);
        Assert.Equal(PhaseRunStatus.Completed, cleanup.Status);
        Assert.Equal(0, cleanup.Failed);
        var held = _h.Journal.Entries.Single(e => e.Status == JournalStatus.Held && e.Binding == Api);
        Assert.Contains(newest.EventId, held.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Irsa_use_before_the_restart_does_not_hold_the_cleanup()
    {
        await _h.RunAsync(0);
        _events.Add(EastScope, WebIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow().AddMinutes(-30)));
        await _h.RunAsync(1);
        _events.Add(EastScope, PodIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow()));
        _events.Add(EastScope, PodIdentityUse(Worker, TestEstate.RoleArn("app-b"), _h.Time.GetUtcNow()));
        _h.Time.Advance(TimeSpan.FromDays(2));

        var cleanup = await RunAsync(Cleanup);

        Assert.Equal(BindingResult.Succeeded, cleanup.Bindings.Single(b => b.Key == Api).Result);
    }

    [Fact]
    public async Task Irsa_use_of_another_subject_or_role_does_not_hold_the_binding()
    {
        await MigrateCanaryOnPodIdentityAsync();
        _events.Add(EastScope, WebIdentityUse(Api with { ServiceAccount = "other" }, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow().AddHours(-1)));
        _events.Add(EastScope, WebIdentityUse(Api, TestEstate.RoleArn("unrelated"), _h.Time.GetUtcNow().AddHours(-1)));

        var cleanup = await RunAsync(Cleanup);

        Assert.All(cleanup.Bindings, b => Assert.Equal(BindingResult.Succeeded, b.Result));
    }

    [Fact]
    public async Task Without_a_pod_identity_use_every_binding_is_held_and_nothing_is_due()
    {
        await _h.RunAsync(0);
        await _h.RunAsync(1);
        _h.Time.Advance(TimeSpan.FromDays(2));

        var cleanup = await RunAsync(Cleanup);

        Assert.Equal(PhaseRunStatus.NothingDue, cleanup.Status);
        Assert.All(cleanup.Bindings, b => Assert.Contains("no AssumeRoleForPodIdentity", b.Message, StringComparison.Ordinal));
        Assert.Contains("held for evidence", cleanup.Messages.Single(), StringComparison.Ordinal);
        Assert.Contains("--override-evidence", cleanup.Messages.Single(), StringComparison.Ordinal);
        Assert.True(StillAnnotated(Api));
        Assert.True(StillAnnotated(Worker));
    }

    [Fact]
    public async Task Cleanup_waits_for_the_delivery_delay_after_the_cut_over()
    {
        await _h.RunAsync(0);
        await _h.RunAsync(1);
        _events.Add(EastScope, PodIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow()));
        _events.Add(EastScope, PodIdentityUse(Worker, TestEstate.RoleArn("app-b"), _h.Time.GetUtcNow()));
        var settings = Harness.Settings with { Evidence = new EvidenceSettings { DeliveryDelay = TimeSpan.FromMinutes(15) } };
        var plan = _h.Plan with { Phases = _h.Plan.Phases.Select(p => p with { Soak = TimeSpan.Zero }).ToList() };
        var executor = new PhaseExecutor(new ExecutionPorts(_h.World, _h.World, _h.World, _h.Journal, RewriterTrustEditor.For(plan), _events), settings, _h.Time);

        var early = await executor.RunPhaseAsync(plan, Cleanup, _h.Approvals, "test-holder", CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromMinutes(16));
        var later = await executor.RunPhaseAsync(plan, Cleanup, _h.Approvals, "test-holder", CancellationToken.None);

        Assert.Equal(PhaseRunStatus.NothingDue, early.Status);
        Assert.All(early.Bindings, b => Assert.Contains("delivery delay", b.Message, StringComparison.Ordinal));
        Assert.Equal(PhaseRunStatus.Completed, later.Status);
        Assert.All(later.Bindings, b => Assert.Equal(BindingResult.Succeeded, b.Result));
    }

    [Fact]
    public async Task An_override_with_a_recorded_reason_clears_a_held_binding()
    {
        await MigrateCanaryOnPodIdentityAsync();
        _events.Add(EastScope, WebIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow().AddHours(-1)));
        var granted = new EvidenceOverride(_h.Plan.Id, Cleanup, Api, "batch host retired, its token file was a copy", "alice", _h.Time.GetUtcNow());

        var cleanup = await RunAsync(Cleanup, [granted]);

        Assert.Equal(BindingResult.Succeeded, cleanup.Bindings.Single(b => b.Key == Api).Result);
        Assert.False(StillAnnotated(Api));
        var cleared = _h.Journal.Entries.Single(e => e.Status == JournalStatus.EvidenceCleared && e.Binding == Api);
        Assert.Contains("overridden by alice", cleared.Message, StringComparison.Ordinal);
        Assert.Contains("token file was a copy", cleared.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_for_another_phase_does_not_clear_the_binding()
    {
        await MigrateCanaryOnPodIdentityAsync();
        _events.Add(EastScope, WebIdentityUse(Api, TestEstate.RoleArn("app-a"), _h.Time.GetUtcNow().AddHours(-1)));

        var cleanup = await RunAsync(Cleanup, [new EvidenceOverride(_h.Plan.Id, Cleanup + 1, Api, "wrong phase", "alice", _h.Time.GetUtcNow())]);

        Assert.Equal(BindingResult.NotStarted, cleanup.Bindings.Single(b => b.Key == Api).Result);
    }

    [Fact]
    public async Task CloudTrail_is_swept_once_per_account_region_and_kind_for_all_bindings_of_the_phase()
    {
        await MigrateCanaryOnPodIdentityAsync();

        await RunAsync(Cleanup);

        // Two bindings, one cluster: Pod Identity and web identity in its region; us-east-1 is also the global STS region.
        Assert.Equal(2, _events.Lookups.Count);
        Assert.Equal(_events.Lookups.Count, _events.Lookups.Distinct().Count());
    }

    [Fact]
    public async Task An_unreadable_cloudtrail_holds_the_cleanup_naming_the_permission()
    {
        await MigrateCanaryOnPodIdentityAsync();
        _events.Failure = new AwsApiException("cloudtrail", "LookupEvents", 400, "AccessDeniedException", "not authorized");

        var cleanup = await RunAsync(Cleanup);

        Assert.Equal(PhaseRunStatus.NothingDue, cleanup.Status);
        Assert.All(cleanup.Bindings, b => Assert.Contains("cloudtrail:LookupEvents", b.Message, StringComparison.Ordinal));
        Assert.True(StillAnnotated(Api));
    }

    [Fact]
    public async Task Without_a_cloudtrail_reader_or_when_disabled_the_cleanup_is_not_gated()
    {
        await _h.RunAsync(0);
        await _h.RunAsync(1);
        _h.Time.Advance(TimeSpan.FromDays(2));
        var disabled = new PhaseExecutor(new ExecutionPorts(_h.World, _h.World, _h.World, _h.Journal, RewriterTrustEditor.For(_h.Plan), _events),
            Harness.Settings with { Evidence = new EvidenceSettings { Enabled = false } }, _h.Time);

        var cleanup = await disabled.RunPhaseAsync(_h.Plan, Cleanup, _h.Approvals, "test-holder", CancellationToken.None);

        Assert.Equal(PhaseRunStatus.Completed, cleanup.Status);
        Assert.Empty(_events.Lookups);
    }
}
