using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Tests.Planning;

/// <summary>A CronJob is not recreated by hand: the pods of its next Job pick up Pod Identity at admission.</summary>
public class CronJobWordingTests
{
    private static readonly ClusterRef Prod = new("111111111111", "us-east-1", "prod");

    private static ManualRestartStep Step(WorkloadKind kind, string name) => new()
    {
        Id = $"p1/manual/{name}",
        Cluster = Prod,
        Binding = new BindingKey(Prod, "team-a", "api"),
        RoleArn = "arn:aws:iam::111111111111:role/app-a",
        Workload = new WorkloadRef(kind, "team-a", name),
    };

    [Fact]
    public void A_cronjob_is_left_to_its_next_run_not_to_a_human()
    {
        var step = Step(WorkloadKind.CronJob, "nightly");
        Assert.DoesNotContain("by hand", step.Describe(), StringComparison.Ordinal);
        Assert.Contains("next scheduled Job pick up Pod Identity at admission", step.Describe(), StringComparison.Ordinal);
        var call = Assert.Single(step.ApiCalls());
        Assert.StartsWith("# none:", call, StringComparison.Ordinal);
        Assert.Contains("kubectl --context arn:aws:eks:us-east-1:111111111111:cluster/prod -n team-a create job --from=cronjob/nightly", call, StringComparison.Ordinal);
        Assert.DoesNotContain("delete/recreate", call, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_or_bare_pod_is_still_recreated_by_hand()
    {
        foreach (var kind in new[] { WorkloadKind.Job, WorkloadKind.Pod })
        {
            var step = Step(kind, "once");
            Assert.Contains("recreate it by hand", step.Describe(), StringComparison.Ordinal);
            Assert.Contains("delete/recreate", Assert.Single(step.ApiCalls()), StringComparison.Ordinal);
        }
    }
}
