using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Tests.Planning;

public class PlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlanningSettings Settings = new() { CanarySize = 2, MaxWaveSize = 3, SoakPeriod = TimeSpan.FromDays(3) };

    private static MigrationPlan Plan(TestEstate estate, PlanningSettings? settings = null) =>
        Planner.Create(estate.Assessment(), estate.Snapshot(), settings ?? Settings, Now);

    private static BindingKey Key(ClusterRef c, string ns, string sa) => new(c, ns, sa);

    [Fact]
    public void Phases_run_prerequisites_canary_waves_then_one_cleanup_per_migration_phase()
    {
        var plan = Plan(TestEstate.Standard());

        Assert.Equal([PhaseKind.Prerequisites, PhaseKind.Canary, PhaseKind.Wave, PhaseKind.Wave, PhaseKind.Wave,
            PhaseKind.Cleanup, PhaseKind.Cleanup, PhaseKind.Cleanup, PhaseKind.Cleanup], plan.Phases.Select(p => p.Kind));
        Assert.Equal(Enumerable.Range(0, 9), plan.Phases.Select(p => p.Number));
        Assert.Equal([1, 2, 3, 4], plan.Phases.Where(p => p.Kind == PhaseKind.Cleanup).Select(p => p.CleanupOf!.Value));
        Assert.All(plan.Phases.Where(p => p.Kind == PhaseKind.Cleanup), p => Assert.Equal(TimeSpan.FromDays(3), p.Soak));
        Assert.Equal("plan-7-20261128100000", plan.Id);
    }

    [Fact]
    public void Canary_takes_the_highest_scored_ready_bindings_not_owned_by_addons()
    {
        var plan = Plan(TestEstate.Standard());

        var canary = plan.Phases.Single(p => p.Kind == PhaseKind.Canary);
        Assert.Equal([Key(TestEstate.East, "team-a", "api"), Key(TestEstate.East, "team-a", "worker")], canary.Bindings.Select(b => b.Key));
    }

    [Fact]
    public void Canary_size_is_configurable()
    {
        var plan = Plan(TestEstate.Standard(), Settings with { CanarySize = 1 });

        Assert.Single(plan.Phases.Single(p => p.Kind == PhaseKind.Canary).Bindings);
    }

    [Fact]
    public void Keep_broken_unused_and_migrated_bindings_are_excluded_with_their_reasons()
    {
        var plan = Plan(TestEstate.Standard());

        var excluded = plan.Excluded.ToDictionary(e => e.Key);
        Assert.Equal(BindingCategory.KeepIrsa, excluded[Key(TestEstate.West, "team-a", "api")].Category);
        Assert.Equal(BindingCategory.Broken, excluded[Key(TestEstate.East, "team-x", "legacy")].Category);
        Assert.Equal(BindingCategory.Unused, excluded[Key(TestEstate.East, "team-d", "reports")].Category);
        Assert.Contains("test.broken: Broken for the test", excluded[Key(TestEstate.East, "team-x", "legacy")].Reasons);
        Assert.DoesNotContain(plan.Phases.SelectMany(p => p.Bindings), b => excluded.ContainsKey(b.Key));
    }

    [Fact]
    public void A_role_in_another_account_is_never_planned_even_if_assessed_ready()
    {
        var plan = Plan(TestEstate.Standard());

        var cross = plan.Excluded.Single(e => e.Key.Namespace == "team-z");
        Assert.Equal(BindingCategory.KeepIrsa, cross.Category);
        Assert.Contains("another account", cross.Reasons.Single());
        Assert.DoesNotContain(plan.Phases.SelectMany(p => p.Steps), s => s.RoleArn?.Contains("222222222222", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Waves_hold_one_cluster_at_most_max_size_and_keep_a_coordinate_group_whole()
    {
        var estate = new TestEstate().Cluster(TestEstate.East, TestEstate.EastIssuer).Cluster(TestEstate.West, TestEstate.WestIssuer);
        for (var i = 0; i < 5; i++)
            estate.Binding(TestEstate.East, $"ns{i % 2}", $"sa{i}", TestEstate.RoleArn($"r{i}"), BindingCategory.Ready, 50, workloads: (WorkloadKind.Deployment, $"d{i}"));
        foreach (var c in new[] { TestEstate.East, TestEstate.West })
            for (var i = 0; i < 4; i++)
                estate.Binding(c, "shared", $"g{i}", TestEstate.RoleArn("group"), BindingCategory.Coordinate, 50, group: "group");
        estate.Binding(TestEstate.West, "w", "solo", TestEstate.RoleArn("solo"), BindingCategory.Ready, 50);

        var plan = Planner.Create(estate.Assessment(), estate.Snapshot(), Settings with { CanarySize = 0 }, Now);

        var waves = plan.Phases.Where(p => p.Kind == PhaseKind.Wave).ToList();
        var group = waves.Where(w => w.Bindings.Any(b => b.CoordinationGroup == "group")).ToList();
        Assert.Single(group);
        Assert.Equal(8, group[0].Bindings.Count);
        Assert.Contains(group[0].Notes, n => n.Contains("kept together", StringComparison.Ordinal));
        Assert.All(waves.Except(group), w =>
        {
            Assert.InRange(w.Bindings.Count, 1, 3);
            Assert.Single(w.Bindings.Select(b => b.Key.Cluster).Distinct());
        });
        Assert.Equal(14, waves.Sum(w => w.Bindings.Count));
    }

    [Fact]
    public void Groups_spanning_clusters_are_batched_into_cross_cluster_waves_after_the_single_cluster_ones()
    {
        var estate = new TestEstate().Cluster(TestEstate.East, TestEstate.EastIssuer).Cluster(TestEstate.West, TestEstate.WestIssuer);
        estate.Binding(TestEstate.East, "solo", "one", TestEstate.RoleArn("one"), BindingCategory.Ready, 50);
        // Five apps deployed to both clusters: a role and a coordinate group each, two bindings per group.
        for (var i = 0; i < 5; i++)
            foreach (var c in new[] { TestEstate.East, TestEstate.West })
                estate.Binding(c, "fleet", $"app{i}", TestEstate.RoleArn($"app{i}"), BindingCategory.Coordinate, 50, group: $"app{i}");

        var plan = Planner.Create(estate.Assessment(), estate.Snapshot(), Settings with { CanarySize = 0, MaxWaveSize = 4 }, Now);

        var waves = plan.Phases.Where(p => p.Kind == PhaseKind.Wave).ToList();
        Assert.Equal(["solo"], waves[0].Bindings.Select(b => b.Key.Namespace).Distinct());
        var crossCluster = waves.Skip(1).ToList();
        // 10 bindings in groups of 2, at most 4 a wave: 3 waves, not one per group.
        Assert.Equal([4, 4, 2], crossCluster.Select(w => w.Bindings.Count));
        Assert.All(crossCluster, w => Assert.All(w.Bindings.GroupBy(b => b.CoordinationGroup), g => Assert.Equal(2, g.Count())));
        Assert.Equal(5, crossCluster.SelectMany(w => w.Bindings).Select(b => b.CoordinationGroup).Distinct().Count());
        var spans = $"spans 2 clusters ({TestEstate.East.Key}, {TestEstate.West.Key})";
        Assert.All(crossCluster, w => Assert.Contains(w.Notes, n => n.Contains(spans, StringComparison.Ordinal)));
    }

    [Fact]
    public void Plan_json_writes_clusters_and_bindings_as_keys_and_still_reads_the_object_form()
    {
        var plan = Plan(TestEstate.Standard());
        var json = PlanJson.Serialize(plan);
        var step = plan.Phases[1].Steps.First(s => s.Binding is not null);

        Assert.Contains($"\"binding\": \"{step.Binding}\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"partition\"", json, StringComparison.Ordinal);
        var legacy = """
            {"id":"p","runId":1,"createdAt":"2026-11-28T10:00:00+00:00","settings":{},"phases":[{"number":1,"kind":"Canary","title":"t",
             "steps":[{"id":"s","kind":"CreateAssociation",
               "cluster":{"accountId":"111111111111","region":"us-east-1","name":"prod","partition":"aws","arn":"x","key":"111111111111/us-east-1/prod"},
               "binding":{"cluster":{"accountId":"111111111111","region":"us-east-1","name":"prod","key":"k"},"namespace":"ns","serviceAccount":"sa","display":"d"}}]}]}
            """;
        var old = PlanJson.Deserialize(legacy).Phases[0].Steps[0];
        Assert.Equal(new BindingKey(TestEstate.East, "ns", "sa"), old.Binding);
        Assert.Equal(TestEstate.East, old.Cluster);
        Assert.Throws<System.Text.Json.JsonException>(() => PlanJson.Deserialize(legacy.Replace("\"cluster\":{\"accountId\"", "\"cluster\":\"111111111111/us-east-1\",\"x\":{\"accountId\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Prerequisites_create_the_agent_where_missing_and_report_node_role_permission()
    {
        var plan = Plan(TestEstate.Standard());

        var p0 = plan.Phases[0];
        var step = Assert.Single(p0.Steps);
        Assert.Equal(StepKind.EnsurePodIdentityAgent, step.Kind);
        Assert.Equal(TestEstate.West, step.Cluster);
        Assert.Contains(plan.Prerequisites, f => f.Cluster == TestEstate.East && f.Check == "pod-identity-agent" && f.Satisfied);
        Assert.Contains(plan.Prerequisites, f => f.Cluster == TestEstate.East && f.Check == "node-role-permission" && f.Satisfied);
        Assert.Contains(plan.Prerequisites, f => f.Cluster == TestEstate.West && f.Check == "node-role-permission" && !f.Satisfied && f.Detail.Contains("eks-auth:AssumeRoleForPodIdentity", StringComparison.Ordinal));
    }

    [Fact]
    public void Auto_mode_needs_no_agent_step()
    {
        var estate = new TestEstate().Cluster(TestEstate.East, TestEstate.EastIssuer, agent: null, autoMode: true)
            .Binding(TestEstate.East, "a", "b", TestEstate.RoleArn("r"), BindingCategory.Ready);

        var plan = Planner.Create(estate.Assessment(), estate.Snapshot(), Settings, Now);

        Assert.Empty(plan.Phases[0].Steps);
        Assert.Contains(plan.Prerequisites, f => f.Satisfied && f.Detail.Contains("Auto Mode", StringComparison.Ordinal));
    }

    [Fact]
    public void Migration_steps_add_trust_once_per_role_then_associate_restart_and_verify()
    {
        var plan = Plan(TestEstate.Standard());

        var coordinate = plan.Phases.Single(p => p.Kind == PhaseKind.Wave && p.Bindings.Any(b => b.CoordinationGroup is not null));
        var trust = Assert.IsType<AddPodIdentityTrustStep>(Assert.Single(coordinate.Steps, s => s.Kind == StepKind.AddPodIdentityTrust));
        Assert.Equal(2, trust.Bindings.Count);
        Assert.Equal(coordinate.Steps[0], trust);

        var canary = plan.Phases[1];
        var worker = canary.Steps.Where(s => s.Binding?.ServiceAccount == "worker").Select(s => s.Kind).ToList();
        Assert.Equal([StepKind.CreateAssociation, StepKind.RestartWorkload, StepKind.ManualRestart, StepKind.VerifyPodIdentity], worker);
    }

    [Fact]
    public void Addon_owned_service_accounts_migrate_through_the_addon_api()
    {
        var plan = Plan(TestEstate.Standard());

        var step = plan.Phases.SelectMany(p => p.Steps).Single(s => s.Binding?.ServiceAccount == "ebs-csi-controller-sa" && s.Kind is StepKind.CreateAssociation or StepKind.UpdateAddonAssociation);
        Assert.Equal(StepKind.UpdateAddonAssociation, step.Kind);
        Assert.Equal("aws-ebs-csi-driver", Assert.IsType<UpdateAddonAssociationStep>(step).AddonName);
    }

    [Fact]
    public void Cleanup_removes_only_this_clusters_subject_and_keeps_other_clusters_trust()
    {
        var plan = Plan(TestEstate.Standard());

        var cleanup = plan.Phases.Single(p => p.CleanupOf == 1);
        var api = cleanup.Steps.OfType<RemoveIrsaTrustSubjectStep>().Single(s => s.Binding!.ServiceAccount == "api");
        Assert.Equal(TestEstate.EastIssuer, api.Issuer);
        Assert.Equal(TestEstate.RoleArn("app-a"), api.RoleArn);
        Assert.DoesNotContain(plan.Phases.SelectMany(p => p.Steps).OfType<RemoveIrsaTrustSubjectStep>(), s => s.Issuer == TestEstate.WestIssuer && s.RoleArn == TestEstate.RoleArn("app-a"));
        Assert.Equal(StepKind.RemoveIrsaAnnotations, cleanup.Steps.First(s => s.Binding!.ServiceAccount == "api").Kind);
    }

    [Fact]
    public void Cleanup_keeps_a_subject_while_another_irsa_user_of_the_role_remains_on_that_issuer()
    {
        var plan = Plan(TestEstate.Standard());

        var jobsCleanup = plan.Phases.Single(p => p.Kind == PhaseKind.Cleanup && p.Bindings.Any(b => b.Key.ServiceAccount == "jobs"));
        Assert.DoesNotContain(jobsCleanup.Steps, s => s.Kind == StepKind.RemoveIrsaTrustSubject && s.Binding!.ServiceAccount == "jobs");
        Assert.Contains(jobsCleanup.Steps, s => s.Kind == StepKind.RemoveIrsaAnnotations && s.Binding!.ServiceAccount == "jobs");
        Assert.Contains(jobsCleanup.Notes, n => n.Contains("team-d/reports", StringComparison.Ordinal));
    }

    [Fact]
    public void Deferred_subjects_are_removed_in_the_cleanup_that_covers_the_last_user()
    {
        var estate = new TestEstate().Cluster(TestEstate.East, TestEstate.EastIssuer)
            .Role(TestEstate.RoleArn("r"), TestEstate.IrsaTrust((TestEstate.EastIssuer, ["a:one", "b:two"])))
            .Binding(TestEstate.East, "a", "one", TestEstate.RoleArn("r"), BindingCategory.Ready, 90)
            .Binding(TestEstate.East, "b", "two", TestEstate.RoleArn("r"), BindingCategory.Ready, 50);

        var plan = Planner.Create(estate.Assessment(), estate.Snapshot(), Settings with { CanarySize = 1 }, Now);

        var first = plan.Phases.Single(p => p.CleanupOf == 1);
        var second = plan.Phases.Single(p => p.CleanupOf == 2);
        Assert.DoesNotContain(first.Steps, s => s.Kind == StepKind.RemoveIrsaTrustSubject);
        Assert.Equal(["one", "two"], second.Steps.Where(s => s.Kind == StepKind.RemoveIrsaTrustSubject).Select(s => s.Binding!.ServiceAccount));
    }

    [Fact]
    public void Every_step_describes_itself_as_would_and_as_api_calls()
    {
        var plan = Plan(TestEstate.Standard());

        Assert.All(plan.Phases.SelectMany(p => p.Steps), s =>
        {
            Assert.StartsWith("would ", s.Describe(), StringComparison.Ordinal);
            Assert.NotEmpty(s.ApiCalls());
        });
        var assoc = plan.Phases[1].Steps.First(s => s.Kind == StepKind.CreateAssociation);
        Assert.Contains("aws eks --region us-east-1 create-pod-identity-association --cluster-name prod --namespace team-a --service-account api --role-arn arn:aws:iam::111111111111:role/app-a", assoc.ApiCalls());
    }

    [Fact]
    public void Role_with_a_path_is_addressed_by_its_name()
    {
        var plan = Plan(TestEstate.Standard());

        var role = plan.Roles.Single(r => r.Arn.Contains("/teams/", StringComparison.Ordinal));
        Assert.Equal("app-c", role.Name);
        Assert.Equal("app-c", RoleArns.NameOf(role.Arn));
    }

    [Fact]
    public void Plan_json_round_trips()
    {
        var plan = Plan(TestEstate.Standard());

        var back = PlanJson.Deserialize(PlanJson.Serialize(plan));

        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize(back));
        Assert.Equal(plan.Phases[1].Steps[0].Id, back.Phases[1].Steps[0].Id);
        Assert.Equal(plan.Phases[1].Bindings[0].Key, back.Phases[1].Bindings[0].Key);
    }

    [Fact]
    public void Cleanup_leaves_a_subject_admitted_through_a_wildcard_alone()
    {
        var wildcard = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EAST1"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"oidc.eks.us-east-1.amazonaws.com/id/EAST1:sub":"system:serviceaccount:team:*"}}}]}
            """;
        var estate = new TestEstate().Cluster(TestEstate.East, TestEstate.EastIssuer)
            .Role(TestEstate.RoleArn("w"), wildcard)
            .Binding(TestEstate.East, "team", "one", TestEstate.RoleArn("w"), BindingCategory.Ready, 90);

        var plan = Planner.Create(estate.Assessment(), estate.Snapshot(), Settings, Now);

        var cleanup = plan.Phases.Single(p => p.Kind == PhaseKind.Cleanup);
        Assert.DoesNotContain(cleanup.Steps, s => s.Kind == StepKind.RemoveIrsaTrustSubject);
        Assert.Contains(cleanup.Notes, n => n.Contains("system:serviceaccount:team:*", StringComparison.Ordinal));
    }
}
