using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Migrator.Application;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Integration.Tests.Postgres;
using Migrator.Sandbox;
using Migrator.Storage;
using Migrator.Storage.Assessment;
using Migrator.Storage.Inventory;

namespace Migrator.Integration.Tests.Assessment;

/// <summary>
/// A stored run assessed cluster by cluster (estate facts, then one cluster's rows at a time, read through SQL) gives
/// exactly the assessment of the whole stored snapshot, on each storage provider, next to another run in the same database.
/// </summary>
public abstract class ChunkedAssessmentStorageTests(StorageProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly FakeTimeProvider _time = new(At);
    private readonly AssessmentSettings _settings = new();
    private StorageUnderTest _storage = null!;
    private SqliteInventoryStore _inventory = null!;
    private SqliteAssessmentStore _assessments = null!;
    private SqliteInventoryParts _parts = null!;
    private AssessmentStage _stage = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageUnderTest.CreateAsync(provider, _time);
        _inventory = new SqliteInventoryStore(_storage.Database);
        _assessments = new SqliteAssessmentStore(_storage.Database);
        _parts = new SqliteInventoryParts(_storage.Database);
        _stage = new AssessmentStage(_inventory, _parts, _assessments, Options.Create(_settings), _time);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [StorageFact]
    public async Task A_stored_run_assessed_cluster_by_cluster_equals_the_whole_snapshot_assessed()
    {
        // Another run first: every read of the assessed run must keep to its own rows.
        await _inventory.SaveSnapshotAsync(Generated(6, 150, seed: 1, roles: 40), CancellationToken.None);
        var runId = await _inventory.SaveSnapshotAsync(Generated(10, 400, seed: 42, roles: 80), CancellationToken.None);

        var stored = await _inventory.LoadSnapshotAsync(runId, CancellationToken.None);
        var whole = Assessor.Assess(stored!, _settings, At);
        var unsaved = await _stage.StoredOrUnsavedAsync(runId, CancellationToken.None);
        var outcome = await _stage.AssessAsync(runId, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(whole, Json), JsonSerializer.Serialize(unsaved, Json));
        Assert.Equal(JsonSerializer.Serialize(whole, Json), JsonSerializer.Serialize(outcome.Assessment, Json));
        // Not vacuous: the estate reaches across clusters and has more than one cluster's bindings.
        Assert.True(whole.Bindings.Select(b => b.Key.Cluster).Distinct().Count() > 5);
        Assert.Contains(whole.Bindings, b => b.Reasons.Any(r => r.Code == ReasonCodes.MultiCluster));
        Assert.Contains(whole.RoleFindings, f => f.Code == ReasonCodes.RoleShared);
        Assert.Equal(whole.Bindings.Count, (await _assessments.LoadAsync(runId, CancellationToken.None))!.Bindings.Count);
    }

    [StorageFact]
    public async Task A_run_assessed_and_saved_cluster_by_cluster_stores_what_the_whole_assessment_stores_and_replaces_the_earlier_one()
    {
        var runId = await _inventory.SaveSnapshotAsync(Generated(10, 400, seed: 42, roles: 80), CancellationToken.None);
        var whole = Assessor.Assess((await _inventory.LoadSnapshotAsync(runId, CancellationToken.None))!, _settings, At);
        // An earlier assessment of the run, with fewer bindings: the new one replaces it whole.
        await _assessments.SaveAsync(whole with { Bindings = whole.Bindings.Take(3).ToList(), RoleFindings = [] }, CancellationToken.None);

        var outcome = await _stage.AssessAndSaveAsync(runId, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(whole, Json), JsonSerializer.Serialize(await _assessments.LoadAsync(runId, CancellationToken.None), Json));
        Assert.Equal(whole.Bindings.GroupBy(b => b.Category).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())), outcome.ByCategory);
        Assert.Equal((runId, whole.Bindings.Count), (outcome.RunId, outcome.Bindings));
        Assert.Equal(outcome.Counts, await _assessments.LoadCategoryCountsAsync(runId, CancellationToken.None));

        // Values repeated across the load are one string each: workload namespaces, and the role view's ARNs and texts.
        var loaded = (await _assessments.LoadAsync(runId, CancellationToken.None))!;
        var namespaces = loaded.Bindings.SelectMany(b => b.Workloads).GroupBy(w => w.Namespace, StringComparer.Ordinal).First(g => g.Count() > 1).ToList();
        Assert.All(namespaces, w => Assert.Same(namespaces[0].Namespace, w.Namespace));
        var summaries = loaded.RoleFindings.GroupBy(f => f.Summary, StringComparer.Ordinal).First(g => g.Count() > 1).ToList();
        Assert.All(summaries, f => Assert.Same(summaries[0].Summary, f.Summary));
        // Equal workload lists (the same app in several clusters) are one list, and ServiceAccount names one string each.
        var sameWorkloads = loaded.Bindings.Where(b => b.Workloads.Count > 0)
            .GroupBy(b => string.Join(";", b.Workloads.Select(w => $"{w.Kind}/{w.Namespace}/{w.Name}")), StringComparer.Ordinal).First(g => g.Count() > 1).ToList();
        Assert.All(sameWorkloads, b => Assert.Same(sameWorkloads[0].Workloads, b.Workloads));
        Assert.NotSame(sameWorkloads[0].Workloads, loaded.Bindings.First(b => b.Workloads.Count > 0 && !b.Workloads.SequenceEqual(sameWorkloads[0].Workloads)).Workloads);
        var names = loaded.Bindings.GroupBy(b => b.Key.ServiceAccount, StringComparer.Ordinal).First(g => g.Count() > 1).ToList();
        Assert.All(names, b => Assert.Same(names[0].Key.ServiceAccount, b.Key.ServiceAccount));
    }

    [StorageFact]
    public async Task An_assessment_written_in_parts_and_not_committed_leaves_the_earlier_one_as_it_was()
    {
        var runId = await _inventory.SaveSnapshotAsync(Generated(4, 100, seed: 3, roles: 20), CancellationToken.None);
        var whole = Assessor.Assess((await _inventory.LoadSnapshotAsync(runId, CancellationToken.None))!, _settings, At);
        await _assessments.SaveAsync(whole, CancellationToken.None);

        await using (var writer = await _assessments.BeginAsync(runId, At.AddHours(1), CancellationToken.None))
            await writer.AppendAsync(whole.Bindings.Take(5).ToList(), CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(whole, Json), JsonSerializer.Serialize(await _assessments.LoadAsync(runId, CancellationToken.None), Json));
        var e = await Assert.ThrowsAsync<StorageException>(() => _assessments.BeginAsync(runId + 100, At, CancellationToken.None));
        Assert.Contains($"inventory run {runId + 100} is not in", e.Message, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task Planning_from_the_stored_verdicts_and_the_planning_snapshot_stores_phase_by_phase_the_plan_of_the_whole_assessment_and_snapshot()
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = 8, ServiceAccounts = 300, Seed = 5, Roles = 60, Owners = true });
        EstateMaterializer.Prepare(generated.Estate, PodAdmission.Discover());
        var collected = EstateSnapshot.From(generated.Estate);
        // Tagged roles, as the inventory stores them (tags read for owners at collection).
        collected = collected with
        {
            Roles = [.. collected.Roles.Select((r, i) => i % 3 == 0 ? r with { Tags = new Dictionary<string, string> { ["team"] = $"t{i % 7}", ["cost-center"] = "42" } } : r)],
        };
        var runId = await _inventory.SaveSnapshotAsync(collected with { StartedAt = At.AddHours(-1), CompletedAt = At }, CancellationToken.None);
        await _stage.AssessAndSaveAsync(runId, CancellationToken.None);
        var whole = (await _assessments.LoadAsync(runId, CancellationToken.None))!;
        var snapshot = (await _inventory.LoadSnapshotAsync(runId, CancellationToken.None))!;
        var planning = new Core.Planning.PlanningSettings();

        var verdicts = (await _assessments.LoadVerdictsAsync(runId, CancellationToken.None))!;
        var forPlanning = (await _inventory.LoadSnapshotAsync(runId, Core.Ports.SnapshotParts.WithoutPodsWorkloadsAndLabels, CancellationToken.None))!;

        Assert.Equal(whole.Bindings.Select(b => b.Reasons.Select(r => (r.Code, r.Summary, r.Severity, r.ScoreImpact))).SelectMany(r => r),
            verdicts.Bindings.Select(b => b.Reasons.Select(r => (r.Code, r.Summary, r.Severity, r.ScoreImpact))).SelectMany(r => r));
        Assert.All(verdicts.Bindings.SelectMany(b => b.Reasons), r => Assert.Equal(("", ""), (r.Evidence, r.SuggestedAction)));
        Assert.All(forPlanning.ServiceAccounts, sa => Assert.Empty(sa.Labels));
        Assert.Contains(snapshot.ServiceAccounts, sa => sa.Labels.Count > 0);
        // Nor the roles' tags: their owners were found from them and are kept.
        Assert.All(forPlanning.Roles, r => Assert.Empty(r.Tags));
        Assert.Contains(snapshot.Roles, r => r.Tags.Count > 0);
        Assert.Equal(snapshot.Roles.Select(r => r.Owner), forPlanning.Roles.Select(r => r.Owner));
        var expected = Core.Planning.Planner.Create(whole, snapshot, planning, At);
        var slim = Core.Planning.Planner.Create(verdicts, forPlanning, planning, At);
        Assert.Equal(Core.Planning.PlanJson.Serialize(expected), Core.Planning.PlanJson.Serialize(slim));
        // As the planning stage makes it: the roles read without their trust policies, then the texts of the roles the
        // plan can touch only; its steps built and written one phase at a time.
        var outline = (await _inventory.LoadSnapshotAsync(runId, Core.Ports.SnapshotParts.WithoutTrustPolicies, CancellationToken.None))!;
        Assert.All(outline.Roles, r => Assert.Null(r.TrustPolicy));
        var basis = Core.Planning.Planner.Consider(verdicts, outline, planning);
        Assert.InRange(basis.Roles.Count, 1, snapshot.Roles.Count - 1);
        var texts = await _inventory.LoadTrustPoliciesAsync(runId, basis.Roles.Keys, CancellationToken.None);
        Assert.Equal(basis.Roles.Keys.Where(arn => snapshot.Roles.Any(r => r.Arn == arn && r.TrustPolicy is not null)).Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
        // The texts decide the plan's trust steps: without them it is another plan.
        Assert.NotEqual(Core.Planning.PlanJson.Serialize(expected), Core.Planning.PlanJson.Serialize(Core.Planning.Planner.Draft(basis, planning, At).Materialize()));
        var plans = new Migrator.Storage.Execution.SqlitePlanStore(_storage.Database);
        var draft = Core.Planning.Planner.Draft(basis.WithTrustPolicies(texts), planning, At);
        await plans.SaveAsync(draft, CancellationToken.None);
        var stored = (await plans.LoadAsync(draft.Id, CancellationToken.None))!;
        Assert.Equal(Core.Planning.PlanJson.Serialize(expected), Core.Planning.PlanJson.Serialize(stored));
        Assert.Equal(expected.Phases.Count, Assert.Single(await plans.ListAsync(CancellationToken.None)).PhaseCount);
        // Not vacuous: the plan has waves and cleanups, and exclusions whose reasons come from the verdicts.
        Assert.True(expected.Phases.Count > 3);
        Assert.Contains(expected.Excluded, e => e.Reasons.Count > 0 && !e.Reasons[0].StartsWith("planner:", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task The_planning_stage_builds_its_basis_from_streams_and_stores_the_plan_of_the_whole_assessment_and_snapshot()
    {
        var collected = Generated(8, 300, seed: 13, roles: 60, owners: true);
        // Owners as the inventory finds them at collection: some ServiceAccounts from Helm releases.
        collected = collected with
        {
            ServiceAccounts = [.. collected.ServiceAccounts.Select((sa, i) => i % 3 == 0 ? sa with { Owner = new Core.Ownership.ResourceOwner(Core.Ownership.OwnerKind.Helm, $"release-{i % 5}", "label app.kubernetes.io/managed-by=Helm") } : sa)],
        };
        var runId = await _inventory.SaveSnapshotAsync(collected, CancellationToken.None);
        await _stage.AssessAndSaveAsync(runId, CancellationToken.None);
        var whole = (await _assessments.LoadAsync(runId, CancellationToken.None))!;
        var snapshot = (await _inventory.LoadSnapshotAsync(runId, CancellationToken.None))!;
        var verdicts = (await _assessments.LoadVerdictsAsync(runId, CancellationToken.None))!;

        // The streams give what the loads give, in the same order.
        var streamed = new List<BindingAssessment>();
        await foreach (var b in ((Core.Ports.IAssessmentStore)_assessments).StreamVerdictsAsync(runId, CancellationToken.None))
            streamed.Add(b);
        Assert.Equal(JsonSerializer.Serialize(verdicts.Bindings), JsonSerializer.Serialize(streamed));
        Assert.Contains(streamed, b => b.Reasons.Count > 1);
        var irsa = new List<IrsaServiceAccount>();
        await foreach (var sa in _inventory.StreamIrsaServiceAccountsAsync(runId, CancellationToken.None))
            irsa.Add(sa);
        Assert.Equal(snapshot.IrsaBindings.Select(sa => new IrsaServiceAccount(sa.Key, sa.RoleArn!, sa.Owner)), irsa);
        Assert.Contains(irsa, sa => sa.Owner is not null);
        Assert.Equal(runId, await _assessments.AssessedRunAsync(null, CancellationToken.None));
        Assert.Null(await _assessments.AssessedRunAsync(runId + 1, CancellationToken.None));

        // The stage's plan is the plan of the whole assessment and snapshot, step for step.
        var plans = new Migrator.Storage.Execution.SqlitePlanStore(_storage.Database);
        var planning = new Core.Planning.PlanningSettings();
        var stage = new PlanningStage(_inventory, _assessments, plans, new Migrator.Storage.Execution.SqliteExecutionJournal(_storage.Database),
            new Migrator.Storage.Progress.SqliteScopeStore(_storage.Database), Options.Create(planning), _time);
        var outcome = await stage.CreateAsync(null, CancellationToken.None);
        var expected = Core.Planning.Planner.Create(whole, snapshot, planning, At);
        var stored = (await plans.LoadAsync(outcome.PlanId, CancellationToken.None))!;
        Assert.Equal(Core.Planning.PlanJson.Serialize(expected with { Id = stored.Id }), Core.Planning.PlanJson.Serialize(stored));
        // Not vacuous: waves, cleanups (they ask who else uses a role on an issuer), owners from the ServiceAccounts.
        Assert.True(expected.Phases.Count > 3);
        Assert.Contains(expected.Phases.SelectMany(p => p.Bindings), b => b.ServiceAccountOwner is not null);
        Assert.Contains(expected.Excluded, e => e.Reasons.Count > 0 && !e.Reasons[0].StartsWith("planner:", StringComparison.Ordinal));
    }

    [StorageFact]
    public async Task The_estate_facts_hold_no_service_accounts_but_the_bindings_of_shared_roles()
    {
        var generated = Generated(6, 200, seed: 7, roles: 30);
        // Half the roles with a managed policy attached (the generator attaches none).
        var snapshot = generated with { Roles = generated.Roles.Select((r, i) => i % 2 == 0 ? r with { AttachedPolicies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"] } : r).ToList() };
        var runId = await _inventory.SaveSnapshotAsync(snapshot, CancellationToken.None);

        var facts = await _parts.LoadEstateFactsAsync(runId, CancellationToken.None);
        var expected = EstateFacts.Of(snapshot with { RunId = runId });

        Assert.NotNull(facts);
        Assert.Equal(expected.SharedRoleBindings, facts.SharedRoleBindings);
        Assert.Equal(expected.AnnotatedRoleArns.Order(StringComparer.Ordinal), facts.AnnotatedRoleArns.Order(StringComparer.Ordinal));
        Assert.True(facts.SharedRoleBindings.Count < snapshot.IrsaBindings.Count());
        Assert.Equal(snapshot.Roles.Count, facts.Roles.Count);
        Assert.Null(await _parts.LoadEstateFactsAsync(runId + 1, CancellationToken.None));

        // One string per ARN across the facts: an annotated ARN and a shared role's binding hold the role's own ARN.
        var rolesByArn = facts.Roles.ToDictionary(r => r.Arn, StringComparer.Ordinal);
        var annotatedRoles = facts.AnnotatedRoleArns.Where(rolesByArn.ContainsKey).ToList();
        var sharedRoles = facts.SharedRoleBindings.Where(b => rolesByArn.ContainsKey(b.RoleArn)).ToList();
        Assert.NotEmpty(annotatedRoles);
        Assert.NotEmpty(sharedRoles);
        Assert.All(annotatedRoles, arn => Assert.Same(rolesByArn[arn].Arn, arn));
        Assert.All(sharedRoles, b => Assert.Same(rolesByArn[b.RoleArn].Arn, b.RoleArn));
        // The attached managed policies are not read for the assessment (planning reads them for the node roles).
        Assert.Contains((await _inventory.LoadSnapshotAsync(runId, CancellationToken.None))!.Roles, r => r.AttachedPolicies.Count > 0);
        Assert.All(facts.Roles, r => Assert.Empty(r.AttachedPolicies));
    }

    [StorageFact]
    public async Task Role_findings_appended_in_batches_and_at_the_commit_are_stored_in_the_order_given()
    {
        var runId = await _inventory.SaveSnapshotAsync(Generated(4, 100, seed: 3, roles: 20), CancellationToken.None);
        var whole = Assessor.Assess((await _inventory.LoadSnapshotAsync(runId, CancellationToken.None))!, _settings, At);
        var findings = Enumerable.Range(0, 7).Select(i => new RoleFinding($"arn:aws:iam::111122223333:role/r{i}", ReasonCodes.RoleShared, ReasonSeverity.Warning,
            $"summary {i}", $"evidence {i}", $"action {i}")).ToList();

        await using (var writer = await _assessments.BeginAsync(runId, At, CancellationToken.None))
        {
            await writer.AppendAsync(whole.Bindings, CancellationToken.None);
            await writer.AppendRoleFindingsAsync(findings[..3], CancellationToken.None);
            await writer.AppendRoleFindingsAsync([], CancellationToken.None);
            await writer.AppendRoleFindingsAsync(findings[3..5], CancellationToken.None);
            await writer.CommitAsync(findings[5..], CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.AppendRoleFindingsAsync(findings[..1], CancellationToken.None));
        }

        var loaded = (await _assessments.LoadAsync(runId, CancellationToken.None))!;
        Assert.Equal(findings, loaded.RoleFindings);
        Assert.Equal(whole.Bindings.Count, loaded.Bindings.Count);
    }

    [StorageFact]
    public async Task A_report_reads_the_outline_and_the_evidence_it_shows_and_is_the_report_of_the_whole_run()
    {
        var runId = await _inventory.SaveSnapshotAsync(Owned(Generated(8, 300, seed: 11, roles: 50)), CancellationToken.None);
        await _stage.AssessAndSaveAsync(runId, CancellationToken.None);
        var settings = new Migrator.Reports.ReportSettings { MaxTrustDiffs = 4 };
        var source = new RecordingSource(new Migrator.Reports.StoredReportSource(_inventory, _assessments));
        using var output = new Storage.TempDirectory();

        var report = await new Migrator.Reports.ReportGenerator(source, Options.Create(settings), _time)
            .GenerateAsync(new Migrator.Reports.ReportRequest(runId, [Migrator.Reports.ReportFormat.Markdown], output.Path), CancellationToken.None);

        Assert.Equal([(runId, Core.Ports.SnapshotParts.Outline)], source.Snapshots);
        // The assessment's header and findings are loaded; its bindings are streamed in key order: once through the
        // tally, once more (keys and categories) for the roles whose trust diffs are shown. Markdown reads no list again.
        Assert.Equal([(runId, Core.Ports.AssessmentParts.Findings)], source.Assessments);
        Assert.Equal([(runId, Core.Ports.AssessmentParts.ForReport), (runId, Core.Ports.AssessmentParts.Categories)], source.Streams);
        Assert.Equal(settings.MaxTrustDiffs, source.TrustPoliciesAsked);
        var whole = (await _inventory.LoadSnapshotAsync(runId, Core.Ports.SnapshotParts.WithoutPodsWorkloadsAndLabels, CancellationToken.None))!;
        var expected = new Migrator.Reports.ReportModelBuilder(settings, new Migrator.Reports.RewriterTrustProjection(settings.TrustPolicySizeLimit)).Build(new Migrator.Reports.ReportInput
        {
            Snapshot = whole,
            Assessment = (await _assessments.LoadAsync(runId, CancellationToken.None))!,
            GeneratedAt = _time.GetUtcNow(),
        });
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(report.Model, Json));
        // Not vacuous: the evidence left out was there to leave, and what the report shows of it is shown.
        var full = (await _assessments.LoadAsync(runId, CancellationToken.None))!;
        var read = (await _assessments.LoadAsync(runId, Core.Ports.AssessmentParts.ForReport, CancellationToken.None))!;
        var evidence = full.Bindings.SelectMany(b => b.Reasons).Count(r => r.Evidence.Length > 0);
        Assert.InRange(read.Bindings.SelectMany(b => b.Reasons).Count(r => r.Evidence.Length > 0), 1, evidence / 2);
        Assert.Contains(report.Model.Broken, b => b.Evidence.Length > 0);
        Assert.Contains(report.Model.Bindings, b => b.Owners.Length > 0);
        Assert.Equal(settings.MaxTrustDiffs, report.Model.Comparison.TrustDiffs.Count);
        Assert.All(report.Model.Comparison.TrustDiffs, d => Assert.True(d.SizeBefore > 0 && d.Lines.Count > 0));
        Assert.Contains("the largest trust policy is ", string.Join("\n", report.Model.Comparison.Dimensions.Select(d => d.ThisEstate)), StringComparison.Ordinal);
        Assert.DoesNotContain("the largest trust policy is 0 ", string.Join("\n", report.Model.Comparison.Dimensions.Select(d => d.ThisEstate)), StringComparison.Ordinal);

        // With an earlier run there is drift to compare: both runs' outlines, the IRSA bindings that differ and the texts
        // of the roles whose trust changed. The later run: one trust policy changed, one only laid out again (not drift),
        // one role deleted; one binding's role changed, one binding gone, one new.
        var next = Owned(Generated(8, 300, seed: 11, roles: 50));
        var withTrust = next.Roles.Where(r => r.TrustPolicy is not null).Select(r => r.Arn).Take(3).ToList();
        var irsa = next.ServiceAccounts.Where(sa => sa.RoleArn is not null).ToList();
        var (retargeted, gone) = (irsa[0], irsa[1]);
        var added = irsa[2] with { Namespace = "brand-new", Name = "worker" };
        next = next with
        {
            ServiceAccounts = [.. next.ServiceAccounts.Where(sa => sa != gone).Select(sa => sa == retargeted
                ? sa with { Annotations = new Dictionary<string, string>(sa.Annotations) { [ServiceAccountRecord.RoleArnAnnotation] = irsa[5].RoleArn! } }
                : sa), added],
            StartedAt = At.AddMinutes(5),
            CompletedAt = At.AddMinutes(6),
            Roles = [.. next.Roles.Select(r =>
                r.Arn == withTrust[0] ? r with { TrustPolicy = r.TrustPolicy!.Replace("sts:AssumeRoleWithWebIdentity", "sts:AssumeRole", StringComparison.Ordinal) }
                : r.Arn == withTrust[1] ? r with { TrustPolicy = "  " + r.TrustPolicy + "\n" }
                : r.Arn == withTrust[2] ? r with { Exists = false, TrustPolicy = null }
                : r)],
        };
        var later = await _inventory.SaveSnapshotAsync(next, CancellationToken.None);
        await _stage.AssessAndSaveAsync(later, CancellationToken.None);
        source.Snapshots.Clear();
        source.Assessments.Clear();
        var second = await new Migrator.Reports.ReportGenerator(source, Options.Create(settings), _time)
            .GenerateAsync(new Migrator.Reports.ReportRequest(later, [Migrator.Reports.ReportFormat.Markdown], output.Path), CancellationToken.None);
        Assert.Equal([(later, Core.Ports.SnapshotParts.Outline), (runId, Core.Ports.SnapshotParts.Outline)], source.Snapshots.OrderByDescending(s => s.RunId));
        var bindingChanges = await _inventory.LoadServiceAccountChangesAsync(runId, later, CancellationToken.None);
        Assert.Equal(new[] { gone.Key, retargeted.Key }.ToHashSet(), bindingChanges.Previous.Select(sa => sa.Key).ToHashSet());
        Assert.Equal(2, bindingChanges.Previous.Count);
        Assert.Equal(new[] { added.Key, retargeted.Key }.ToHashSet(), bindingChanges.Current.Select(sa => sa.Key).ToHashSet());
        Assert.Equal(2, bindingChanges.Current.Count);
        Assert.Equal([(later, Core.Ports.AssessmentParts.Findings), (runId, Core.Ports.AssessmentParts.Categories)], source.Assessments.OrderByDescending(s => s.RunId));
        var changes = await _inventory.LoadTrustPolicyChangesAsync(runId, later, CancellationToken.None);
        Assert.Equal(withTrust.Order(StringComparer.Ordinal), changes.Select(c => c.RoleArn));
        var previousWhole = (await _assessments.LoadAsync(runId, CancellationToken.None))!;
        var expectedDrift = new Migrator.Reports.ReportModelBuilder(settings, new Migrator.Reports.RewriterTrustProjection(settings.TrustPolicySizeLimit)).Build(new Migrator.Reports.ReportInput
        {
            Snapshot = (await _inventory.LoadSnapshotAsync(later, Core.Ports.SnapshotParts.WithoutPodsWorkloadsAndLabels, CancellationToken.None))!,
            Assessment = (await _assessments.LoadAsync(later, CancellationToken.None))!,
            PreviousSnapshot = whole,
            PreviousAssessment = previousWhole,
            History = [Migrator.Reports.RunHistoryPoint.From(runId, whole.StartedAt, previousWhole)],
            ToolChanges = Core.Inventory.Drift.ToolChanges.None,
            GeneratedAt = _time.GetUtcNow(),
        });
        Assert.Equal(JsonSerializer.Serialize(expectedDrift, Json), JsonSerializer.Serialize(second.Model, Json));
        var drift = second.Model.Drift!;
        Assert.Equal(2, drift.Rows.Count(r => r.Change == "Trust policy changed outside the tool"));
        Assert.Contains(drift.Rows, r => r.Binding == withTrust[2] && r.After == "role deleted");
        Assert.DoesNotContain(drift.Rows, r => r.Binding == withTrust[1]);
        Assert.Equal((1, 1, 1), (drift.Added, drift.Removed, drift.RoleChanged));
    }

    [StorageFact]
    public async Task A_report_shows_the_runs_progress_it_is_given_instead_of_working_it_out_again()
    {
        var runId = await _inventory.SaveSnapshotAsync(Generated(2, 40, seed: 5, roles: 10), CancellationToken.None);
        await _stage.AssessAndSaveAsync(runId, CancellationToken.None);
        var source = new RecordingSource(new Migrator.Reports.StoredReportSource(_inventory, _assessments));
        var generator = new Migrator.Reports.ReportGenerator(source, Options.Create(new Migrator.Reports.ReportSettings()), _time);
        using var output = new Storage.TempDirectory();
        var cluster = new ClusterRef("111111111111", "eu-west-1", "blue");
        Core.Progress.MemberProgress Member(string sa, Core.Progress.IdentityProgress progress) => new(new Core.Progress.ScopeMember
        {
            Key = new BindingKey(cluster, "shop", sa), Origin = Core.Progress.ScopeOrigin.Planned, FromRunId = runId, AddedAt = At, AddedBy = "first plan",
        }, progress, null);
        var given = new Core.Progress.ScopeProgress
        {
            RunId = runId, BasisRunId = runId, BasisAt = At, FixedByPlanId = "plan-1", FixedAt = At,
            Members = [Member("a", Core.Progress.IdentityProgress.OnPodIdentity), Member("b", Core.Progress.IdentityProgress.NotYet), Member("c", Core.Progress.IdentityProgress.Gone)],
        };

        var report = await generator.GenerateAsync(new Migrator.Reports.ReportRequest(runId, [Migrator.Reports.ReportFormat.Markdown], output.Path) { ScopeProgress = given }, CancellationToken.None);

        Assert.Equal(0, source.ScopeProgressAsked);
        var scope = report.Model.Scope!;
        Assert.Equal(("plan-1", 3, 1, 1, 1), (scope.FixedByPlan, scope.Scope, scope.OnPodIdentity, scope.NotYet, scope.Gone));
        Assert.Equal(["blue/shop/c"], scope.GoneIdentities);
        // Progress of another run is not this report's: it works its own out (this source has no scope: none is shown).
        var other = await generator.GenerateAsync(new Migrator.Reports.ReportRequest(runId, [Migrator.Reports.ReportFormat.Markdown], output.Path) { ScopeProgress = given with { RunId = runId + 1 } }, CancellationToken.None);
        Assert.Equal(1, source.ScopeProgressAsked);
        Assert.Null(other.Model.Scope);
    }

    [StorageFact]
    public async Task A_report_read_built_and_written_in_steps_is_the_report_generated_at_once_and_its_reads_are_built_once()
    {
        var runId = await _inventory.SaveSnapshotAsync(Generated(4, 120, seed: 9, roles: 20), CancellationToken.None);
        await _stage.AssessAndSaveAsync(runId, CancellationToken.None);
        var generator = new Migrator.Reports.ReportGenerator(new Migrator.Reports.StoredReportSource(_inventory, _assessments), Options.Create(new Migrator.Reports.ReportSettings()), _time);
        using var whole = new Storage.TempDirectory();
        using var steps = new Storage.TempDirectory();
        var request = new Migrator.Reports.ReportRequest(runId, [Migrator.Reports.ReportFormat.Markdown, Migrator.Reports.ReportFormat.Html], whole.Path);

        var generated = await generator.GenerateAsync(request, CancellationToken.None);
        var reads = await generator.ReadAsync(request, CancellationToken.None);
        var prepared = await generator.BuildAsync(reads, CancellationToken.None);
        var written = generator.Write(prepared, request with { OutputDirectory = steps.Path });

        Assert.Equal(generated.Files.Select(Path.GetFileName), written.Files.Select(Path.GetFileName));
        Assert.All(generated.Files.Zip(written.Files), f => Assert.Equal(File.ReadAllText(f.First), File.ReadAllText(f.Second)));
        // The reads are let go once built: they cannot be built twice.
        await Assert.ThrowsAsync<InvalidOperationException>(() => generator.BuildAsync(reads, CancellationToken.None));
    }

    /// <summary>The report's source, recording which parts of which runs it was asked to read.</summary>
    private sealed class RecordingSource(Core.Ports.IReportSource inner) : Core.Ports.IReportSource
    {
        public List<(long RunId, Core.Ports.SnapshotParts Parts)> Snapshots { get; } = [];
        public int TrustPoliciesAsked { get; private set; }
        public List<(long RunId, Core.Ports.AssessmentParts Parts)> Assessments { get; } = [];

        public Task<IReadOnlyList<Core.Ports.ReportRunRef>> ListRunsAsync(CancellationToken ct) => inner.ListRunsAsync(ct);
        public Task<InventorySnapshot?> LoadSnapshotAsync(long runId, CancellationToken ct) => LoadSnapshotAsync(runId, Core.Ports.SnapshotParts.WithoutPodsWorkloadsAndLabels, ct);

        public Task<InventorySnapshot?> LoadSnapshotAsync(long runId, Core.Ports.SnapshotParts parts, CancellationToken ct)
        {
            lock (Snapshots) Snapshots.Add((runId, parts));
            return inner.LoadSnapshotAsync(runId, parts, ct);
        }

        public Task<IReadOnlyDictionary<string, string>> LoadTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns, CancellationToken ct)
        {
            TrustPoliciesAsked += roleArns.Count;
            return inner.LoadTrustPoliciesAsync(runId, roleArns, ct);
        }

        public Task<IReadOnlyList<Core.Inventory.Drift.TrustPolicyPair>> LoadTrustPolicyChangesAsync(long previousRunId, long currentRunId, CancellationToken ct) =>
            inner.LoadTrustPolicyChangesAsync(previousRunId, currentRunId, ct);

        public Task<Core.Inventory.Drift.ServiceAccountChanges> LoadServiceAccountChangesAsync(long previousRunId, long currentRunId, CancellationToken ct) =>
            inner.LoadServiceAccountChangesAsync(previousRunId, currentRunId, ct);

        public Task<AssessmentResult?> LoadAssessmentAsync(long runId, CancellationToken ct) => LoadAssessmentAsync(runId, Core.Ports.AssessmentParts.All, ct);

        public Task<AssessmentResult?> LoadAssessmentAsync(long runId, Core.Ports.AssessmentParts parts, CancellationToken ct)
        {
            lock (Assessments) Assessments.Add((runId, parts));
            return inner.LoadAssessmentAsync(runId, parts, ct);
        }
        public Task<Core.Ports.PlanProgressView?> LoadPlanProgressAsync(long runId, CancellationToken ct) => inner.LoadPlanProgressAsync(runId, ct);

        public List<(long RunId, Core.Ports.AssessmentParts Parts)> Streams { get; } = [];

        public int ScopeProgressAsked { get; private set; }

        public Task<Core.Progress.ScopeProgress?> LoadScopeProgressAsync(long runId, AssessmentResult? assessment, int trendRuns, CancellationToken ct)
        {
            ScopeProgressAsked++;
            return inner.LoadScopeProgressAsync(runId, assessment, trendRuns, ct);
        }

        public IAsyncEnumerable<BindingAssessment> StreamBindingsAsync(long runId, Core.Ports.AssessmentParts parts, CancellationToken ct)
        {
            lock (Streams) Streams.Add((runId, parts));
            return inner.StreamBindingsAsync(runId, parts, ct);
        }
    }

    /// <summary>Every fourth role managed by Terraform, as the inventory finds from its tags.</summary>
    private static InventorySnapshot Owned(InventorySnapshot snapshot) => snapshot with
    {
        Roles = [.. snapshot.Roles.Select((r, i) => i % 4 == 0 ? r with { Owner = new Core.Ownership.ResourceOwner(Core.Ownership.OwnerKind.Terraform, null, $"tag terraform-workspace=w{i}") } : r)],
    };

    private static InventorySnapshot Generated(int clusters, int serviceAccounts, int seed, int roles, bool owners = false)
    {
        var generated = EstateGenerator.Generate(new GeneratorOptions { Clusters = clusters, ServiceAccounts = serviceAccounts, Seed = seed, Roles = roles, Owners = owners });
        EstateMaterializer.Prepare(generated.Estate, PodAdmission.Discover());
        return EstateSnapshot.From(generated.Estate) with { StartedAt = At.AddHours(-1), CompletedAt = At };
    }
}

public sealed class SqliteChunkedAssessmentStorageTests() : ChunkedAssessmentStorageTests(StorageProvider.Sqlite);

public sealed class PostgresChunkedAssessmentStorageTests() : ChunkedAssessmentStorageTests(StorageProvider.Postgres), IPostgresVariant;
