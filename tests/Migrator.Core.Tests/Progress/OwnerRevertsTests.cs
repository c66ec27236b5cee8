using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Ownership;
using Migrator.Core.Planning;
using Migrator.Core.Progress;

namespace Migrator.Core.Tests.Progress;

/// <summary>The revert guard: an owner that put its configuration back after a binding moved is a regression naming it.</summary>
public class OwnerRevertsTests
{
    private static readonly BindingKey Api = new(TestEstate.East, "team-a", "api");
    private static readonly string AppA = TestEstate.RoleArn("app-a");
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static MigrationPlan Plan(ResourceOwner? role, ResourceOwner? sa) => new()
    {
        Id = "plan-1",
        RunId = 1,
        CreatedAt = At,
        Settings = new PlanningSettings(),
        Phases =
        [
            new Phase
            {
                Number = 1, Kind = PhaseKind.Canary, Title = "P1",
                Bindings = [new PlannedBinding { Key = Api, RoleArn = AppA, Category = BindingCategory.Ready, RoleOwner = role, ServiceAccountOwner = sa }],
            },
        ],
    };

    private static JournalEntry Cleanup(long id, StepKind kind, JournalStatus status = JournalStatus.Succeeded) => new()
    {
        Id = id, PlanId = "plan-1", Phase = 2, StepId = $"p2/{kind}/{Api}", StepKind = kind, Binding = Api, RoleArn = AppA, Status = status, StartedAt = At,
    };

    private static readonly ScopeMember Member = new() { Key = Api, Origin = ScopeOrigin.Planned, PlanId = "plan-1", FromRunId = 1, AddedAt = At, AddedBy = "plan" };

    /// <summary>Progress of run 5, its one member as the basis found it.</summary>
    private static ScopeProgress Progress(BindingAssessment found, params Regression[] regressions) => new()
    {
        RunId = 5, BasisRunId = 5, BasisAt = At, FixedByPlanId = "plan-1", FixedAt = At, Regressions = regressions,
        Members = [new MemberProgress(Member, IdentityProgress.OnPodIdentity, MemberVerdict.Of(found))],
    };

    private static BindingAssessment Assessed(bool annotated, params string[] codes) => new()
    {
        Key = Api, RoleArn = AppA, IrsaAnnotated = annotated, AssociationRoleArn = AppA, Category = BindingCategory.Migrated, Score = 100,
        Reasons = codes.Select(c => new AssessmentReason(c, ReasonSeverity.Info, c, "", "", 0)).ToList(),
    };

    [Fact]
    public void Annotation_back_on_a_cleaned_up_service_account_is_a_regression_naming_its_owner()
    {
        var helm = new ResourceOwner(OwnerKind.Helm, "api", "annotation meta.helm.sh/release-name=api");

        var p = OwnerReverts.Apply(Progress(Assessed(annotated: true, ReasonCodes.CleanupIrsaAnnotation)), Plan(null, helm), [Cleanup(1, StepKind.AnnotationsChangeSet)]);

        var r = Assert.Single(p.Regressions);
        Assert.Equal([Regression.AnnotationReverted], r.Codes);
        Assert.Equal("Helm release api", r.Owner);
        Assert.Contains("Helm release api", r.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cleanup_that_stuck_or_was_rolled_back_is_no_regression()
    {
        var helm = new ResourceOwner(OwnerKind.Helm, "api", "e");
        var undo = new JournalEntry
        {
            Id = 2, PlanId = "plan-1", Phase = 2, StepId = "rollback/x", StepKind = RollbackKind.RestoreAnnotations, Direction = JournalDirection.Rollback,
            Binding = Api, Status = JournalStatus.Succeeded, UndoesEntryId = 1, StartedAt = At,
        };

        Assert.Empty(OwnerReverts.Apply(Progress(Assessed(annotated: false)), Plan(null, helm), [Cleanup(1, StepKind.RemoveIrsaAnnotations)]).Regressions);
        Assert.Empty(OwnerReverts.Apply(Progress(Assessed(annotated: true)), Plan(null, helm), [Cleanup(1, StepKind.RemoveIrsaAnnotations), undo]).Regressions);
        Assert.Empty(OwnerReverts.Apply(Progress(Assessed(annotated: true)), Plan(null, helm), [Cleanup(1, StepKind.AnnotationsChangeSet, JournalStatus.AwaitingExternalChange)]).Regressions);
    }

    [Fact]
    public void An_identity_taken_out_of_the_scope_is_no_regression()
    {
        var helm = new ResourceOwner(OwnerKind.Helm, "api", "e");

        var p = OwnerReverts.Apply(Progress(Assessed(annotated: true)) with { Members = [] }, Plan(null, helm), [Cleanup(1, StepKind.AnnotationsChangeSet)]);

        Assert.Empty(p.Regressions);
    }

    [Fact]
    public void Trust_subject_back_names_the_roles_owner()
    {
        var terraform = new ResourceOwner(OwnerKind.Terraform, null, "tag managed-by=terraform");

        var p = OwnerReverts.Apply(Progress(Assessed(annotated: false, ReasonCodes.CleanupIrsaTrustSubject)), Plan(terraform, null), [Cleanup(1, StepKind.TrustSubjectChangeSet)]);

        var r = Assert.Single(p.Regressions);
        Assert.Equal([Regression.TrustSubjectReverted], r.Codes);
        Assert.Equal("Terraform", r.Owner);
    }

    [Fact]
    public void A_regression_off_pod_identity_names_the_roles_owner()
    {
        var terraform = new ResourceOwner(OwnerKind.Terraform, null, "tag managed-by=terraform");
        var off = new Regression
        {
            Key = Api, RoleArn = AppA, Codes = [ReasonCodes.PodIdentityTrustDenies], Why = "trust denies", Fix = "fix it", LastOnRunId = 4, SinceRunId = 5, Since = At,
        };

        var p = OwnerReverts.Apply(Progress(Assessed(annotated: false), off), Plan(terraform, null), []);

        var r = Assert.Single(p.Regressions);
        Assert.Equal("Terraform", r.Owner);
        Assert.Contains("managed by Terraform (tag managed-by=terraform)", r.Why, StringComparison.Ordinal);
        Assert.Null(OwnerReverts.Apply(Progress(Assessed(annotated: false), off), Plan(null, null), []).Regressions.Single().Owner);
    }
}
