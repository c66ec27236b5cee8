using Migrator.Core.Evidence;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Tests.Evidence;

/// <summary>
/// A workload recreated by hand (bare Pod, Job, CronJob): its old pods rightly used IRSA after the wave listed it, until the
/// operator recreated them; only IRSA use after the verification that found every pod on Pod Identity holds its cleanup.
/// </summary>
public sealed class CutoverEvidenceTests
{
    private static readonly BindingKey Key = new(TestEstate.East, "identity", "reconciler");
    private static readonly string Role = TestEstate.RoleArn("reconciler");
    private static readonly DateTimeOffset Listed = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Verified = Listed.AddHours(5);

    private static CredentialUse Use(CredentialUseKind kind, DateTimeOffset at, string id) => new()
    {
        Kind = kind, EventId = id, Time = at, Region = Key.Cluster.Region, RoleArn = Role,
        RoleAccountId = RoleArns.AccountOf(Role), RoleName = RoleArns.NameOf(Role), Namespace = Key.Namespace, ServiceAccount = Key.ServiceAccount,
        ClusterName = Key.Cluster.Name, Issuer = TestEstate.EastIssuer,
    };

    private static CutoverVerdict Judge(DateTimeOffset? quietSince, params CredentialUse[] uses) =>
        CutoverEvidence.Judge(Key, Role, TestEstate.EastIssuer, Listed, Verified, Verified.AddDays(1), TimeSpan.FromMinutes(15), new CredentialUses(uses), quietSince);

    [Fact]
    public void Irsa_use_by_old_runs_before_the_operator_recreated_them_does_not_hold_a_manual_restart()
    {
        var oldRun = Use(CredentialUseKind.WebIdentity, Listed.AddHours(2), "irsa-old-run");
        var recreated = Use(CredentialUseKind.PodIdentity, Listed.AddHours(4), "pi-recreated");

        Assert.True(Judge(Verified, oldRun, recreated).Proceed);
        Assert.False(Judge(null, oldRun, recreated).Proceed);
    }

    [Fact]
    public void Irsa_use_after_the_verification_holds_a_manual_restart_naming_the_verification()
    {
        var late = Use(CredentialUseKind.WebIdentity, Verified.AddMinutes(30), "irsa-late");
        var recreated = Use(CredentialUseKind.PodIdentity, Listed.AddHours(4), "pi-recreated");

        var verdict = Judge(Verified, late, recreated);

        Assert.False(verdict.Proceed);
        Assert.Contains("irsa-late", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("the verification at", verdict.Message, StringComparison.Ordinal);
    }
}
