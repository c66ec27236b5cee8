using System.Text.Json;
using Migrator.Core.Execution.Steps;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Tests.Planning;

public sealed class PlanStepTypesTests
{
    /// <summary>One step of each kind as plans stored them before steps were types: "kind" after "id", "bindings" on every step.</summary>
    private const string StoredSteps = """
        [{"id":"p0/agent/111111111111/us-west-2/prod-west","kind":"EnsurePodIdentityAgent","cluster":"111111111111/us-west-2/prod-west","bindings":[],"addonName":"eks-pod-identity-agent"},
         {"id":"p1/trust/arn:aws:iam::111111111111:role/app-a","kind":"AddPodIdentityTrust","cluster":"111111111111/us-east-1/prod","roleArn":"arn:aws:iam::111111111111:role/app-a","bindings":["111111111111/us-east-1/prod/team-a/api"],"trustScope":"ServiceAccount"},
         {"id":"p1/assoc/111111111111/us-east-1/prod/team-a/api","kind":"CreateAssociation","cluster":"111111111111/us-east-1/prod","binding":"111111111111/us-east-1/prod/team-a/api","roleArn":"arn:aws:iam::111111111111:role/app-a","bindings":[]},
         {"id":"p1/restart/111111111111/us-east-1/prod/team-a/api/Deployment/api","kind":"RestartWorkload","cluster":"111111111111/us-east-1/prod","binding":"111111111111/us-east-1/prod/team-a/api","roleArn":"arn:aws:iam::111111111111:role/app-a","bindings":[],"workload":{"kind":"Deployment","namespace":"team-a","name":"api"}},
         {"id":"p1/verify/111111111111/us-east-1/prod/team-a/api","kind":"VerifyPodIdentity","cluster":"111111111111/us-east-1/prod","binding":"111111111111/us-east-1/prod/team-a/api","roleArn":"arn:aws:iam::111111111111:role/app-a","bindings":[]},
         {"id":"p1/manual/111111111111/us-east-1/prod/team-a/worker/Job/batch","kind":"ManualRestart","cluster":"111111111111/us-east-1/prod","binding":"111111111111/us-east-1/prod/team-a/worker","roleArn":"arn:aws:iam::111111111111:role/app-b","bindings":[],"workload":{"kind":"Job","namespace":"team-a","name":"batch"},"note":"Job pods are not recreated by the tool: recreate them after the association exists"},
         {"id":"p2/addon/111111111111/us-east-1/prod/kube-system/ebs-csi-controller-sa","kind":"UpdateAddonAssociation","cluster":"111111111111/us-east-1/prod","binding":"111111111111/us-east-1/prod/kube-system/ebs-csi-controller-sa","roleArn":"arn:aws:iam::111111111111:role/ebs","bindings":[],"addonName":"aws-ebs-csi-driver"},
         {"id":"p5/annotations/111111111111/us-east-1/prod/team-a/api","kind":"RemoveIrsaAnnotations","cluster":"111111111111/us-east-1/prod","binding":"111111111111/us-east-1/prod/team-a/api","roleArn":"arn:aws:iam::111111111111:role/app-a","bindings":[]},
         {"id":"p5/subject/111111111111/us-east-1/prod/team-a/api","kind":"RemoveIrsaTrustSubject","cluster":"111111111111/us-east-1/prod","binding":"111111111111/us-east-1/prod/team-a/api","roleArn":"arn:aws:iam::111111111111:role/app-a","bindings":[],"issuer":"oidc.eks.us-east-1.amazonaws.com/id/EAST1"}]
        """;

    /// <summary>Describe() and ApiCalls() of those steps as the plan printed them before.</summary>
    private static readonly string[][] Printed =
    [
        ["would ensure the eks-pod-identity-agent add-on is ACTIVE on 111111111111/us-west-2/prod-west (create it if missing)", "aws eks --region us-west-2 describe-addon --cluster-name prod-west --addon-name eks-pod-identity-agent", "aws eks --region us-west-2 create-addon --cluster-name prod-west --addon-name eks-pod-identity-agent   # only when missing"],
        ["would add pods.eks.amazonaws.com to the trust policy of arn:aws:iam::111111111111:role/app-a, scoped by session tags to prod/team-a/api", "aws iam get-role --role-name app-a   # account 111111111111; drift guard", "aws iam update-assume-role-policy --role-name app-a --policy-document file://NEW_TRUST.json"],
        ["would create a Pod Identity association prod/team-a/api -> arn:aws:iam::111111111111:role/app-a", "aws eks --region us-east-1 list-pod-identity-associations --cluster-name prod --namespace team-a --service-account api", "aws eks --region us-east-1 create-pod-identity-association --cluster-name prod --namespace team-a --service-account api --role-arn arn:aws:iam::111111111111:role/app-a"],
        ["would rollout-restart Deployment team-a/api on 111111111111/us-east-1/prod", "kubectl --context arn:aws:eks:us-east-1:111111111111:cluster/prod -n team-a rollout restart deployment/api"],
        ["would wait for the rollouts of prod/team-a/api and verify new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI and not AWS_ROLE_ARN", "kubectl --context arn:aws:eks:us-east-1:111111111111:cluster/prod -n team-a rollout status ...   # each restarted workload", "kubectl --context arn:aws:eks:us-east-1:111111111111:cluster/prod -n team-a get pods   # serviceAccountName=api; env AWS_CONTAINER_CREDENTIALS_FULL_URI present, AWS_ROLE_ARN absent"],
        ["would NOT restart Job team-a/batch on 111111111111/us-east-1/prod: recreate it by hand so it picks up Pod Identity", "# manual: kubectl --context arn:aws:eks:us-east-1:111111111111:cluster/prod -n team-a delete/recreate job/batch"],
        ["would add podIdentityAssociations ebs-csi-controller-sa -> arn:aws:iam::111111111111:role/ebs to add-on aws-ebs-csi-driver on 111111111111/us-east-1/prod", "aws eks --region us-east-1 describe-addon --cluster-name prod --addon-name aws-ebs-csi-driver", "aws eks --region us-east-1 update-addon --cluster-name prod --addon-name aws-ebs-csi-driver --pod-identity-associations serviceAccount=ebs-csi-controller-sa,roleArn=arn:aws:iam::111111111111:role/ebs   # plus the add-on's existing ones"],
        ["would remove the eks.amazonaws.com IRSA annotations from ServiceAccount prod/team-a/api (after checking its association is in place)", "kubectl --context arn:aws:eks:us-east-1:111111111111:cluster/prod -n team-a annotate serviceaccount api eks.amazonaws.com/role-arn- eks.amazonaws.com/audience- eks.amazonaws.com/sts-regional-endpoints- eks.amazonaws.com/token-expiration-"],
        ["would remove subject system:serviceaccount:team-a:api of issuer oidc.eks.us-east-1.amazonaws.com/id/EAST1 from the trust policy of arn:aws:iam::111111111111:role/app-a (other clusters' and ServiceAccounts' trust untouched)", "aws iam get-role --role-name app-a   # account 111111111111; drift guard", "aws iam update-assume-role-policy --role-name app-a --policy-document file://NEW_TRUST.json"],
    ];

    [Fact]
    public void Steps_stored_before_steps_were_types_load_as_their_types_and_describe_themselves_as_before()
    {
        var steps = JsonSerializer.Deserialize<List<PlanStep>>(StoredSteps, PlanJson.Compact)!;

        Assert.Equal(
            [typeof(EnsurePodIdentityAgentStep), typeof(AddPodIdentityTrustStep), typeof(CreateAssociationStep), typeof(RestartWorkloadStep), typeof(VerifyPodIdentityStep),
             typeof(ManualRestartStep), typeof(UpdateAddonAssociationStep), typeof(RemoveIrsaAnnotationsStep), typeof(RemoveIrsaTrustSubjectStep)],
            steps.Select(s => s.GetType()));
        Assert.Equal(Printed.Select(p => p[0]), steps.Select(s => s.Describe()));
        Assert.Equal(Printed.Select(p => p[1..]), steps.Select(s => s.ApiCalls().ToArray()));
        Assert.Equal("aws-ebs-csi-driver", steps.OfType<UpdateAddonAssociationStep>().Single().AddonName);
        Assert.Equal("oidc.eks.us-east-1.amazonaws.com/id/EAST1", steps.OfType<RemoveIrsaTrustSubjectStep>().Single().Issuer);
        Assert.Equal(Core.Trust.PodIdentityScope.ServiceAccount, steps.OfType<AddPodIdentityTrustStep>().Single().TrustScope);
        Assert.StartsWith("Job pods are not recreated", steps.OfType<ManualRestartStep>().Single().Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_is_written_with_its_kind_and_read_back_equal()
    {
        var steps = JsonSerializer.Deserialize<List<PlanStep>>(StoredSteps, PlanJson.Compact)!;

        var json = JsonSerializer.Serialize(steps, PlanJson.Compact);
        var back = JsonSerializer.Deserialize<List<PlanStep>>(json, PlanJson.Compact)!;

        Assert.Contains("\"kind\":\"CreateAssociation\"", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(back, PlanJson.Compact));
        Assert.Equal(steps.Select(s => s.Kind), back.Select(s => s.Kind));
    }

    [Fact]
    public void A_step_of_an_unknown_kind_is_refused_naming_the_kind()
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<PlanStep>("{\"id\":\"s\",\"kind\":\"DeleteEverything\",\"cluster\":\"1/r/c\"}", PlanJson.Compact));
        Assert.Contains("DeleteEverything", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_step_kind_has_a_runner()
    {
        Assert.Equal(Enum.GetValues<StepKind>().Order(), StepRunners.Kinds.Order());
    }
}
