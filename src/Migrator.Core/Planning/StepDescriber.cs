using Migrator.Core.Inventory;
using Migrator.Core.Trust;

namespace Migrator.Core.Planning;

/// <summary>Plan-mode text for steps: "would ..." sentences and the equivalent aws/kubectl calls.</summary>
internal static class StepDescriber
{
    public static string Describe(PlanStep s) => s.Kind switch
    {
        StepKind.EnsurePodIdentityAgent => $"would ensure the eks-pod-identity-agent add-on is ACTIVE on {s.Cluster.Key} (create it if missing)",
        StepKind.AddPodIdentityTrust => DescribeTrust(s),
        StepKind.CreateAssociation => $"would create a Pod Identity association {Who(s)} -> {s.RoleArn}",
        StepKind.UpdateAddonAssociation => $"would add podIdentityAssociations {s.Binding!.ServiceAccount} -> {s.RoleArn} to add-on {s.AddonName} on {s.Cluster.Key}",
        StepKind.RestartWorkload => $"would rollout-restart {s.Workload!.Kind} {s.Workload.Namespace}/{s.Workload.Name} on {s.Cluster.Key}",
        StepKind.ManualRestart => $"would NOT restart {s.Workload!.Kind} {s.Workload.Namespace}/{s.Workload.Name} on {s.Cluster.Key}: recreate it by hand so it picks up Pod Identity",
        StepKind.VerifyPodIdentity => $"would wait for the rollouts of {Who(s)} and verify new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI and not AWS_ROLE_ARN",
        StepKind.RemoveIrsaAnnotations => $"would remove the eks.amazonaws.com IRSA annotations from ServiceAccount {Who(s)} (after checking its association is in place)",
        StepKind.RemoveIrsaTrustSubject => $"would remove subject system:serviceaccount:{s.Binding!.Namespace}:{s.Binding.ServiceAccount} of issuer {s.Issuer} from the trust policy of {s.RoleArn} (other clusters' and ServiceAccounts' trust untouched)",
        _ => $"would run {s.Kind}",
    };

    public static IReadOnlyList<string> ApiCalls(PlanStep s)
    {
        var c = s.Cluster;
        var eks = $"aws eks --region {c.Region}";
        return s.Kind switch
        {
            StepKind.EnsurePodIdentityAgent =>
            [
                $"{eks} describe-addon --cluster-name {c.Name} --addon-name eks-pod-identity-agent",
                $"{eks} create-addon --cluster-name {c.Name} --addon-name eks-pod-identity-agent   # only when missing",
            ],
            StepKind.AddPodIdentityTrust or StepKind.RemoveIrsaTrustSubject =>
            [
                $"aws iam get-role --role-name {RoleArns.NameOf(s.RoleArn!)}   # account {RoleArns.AccountOf(s.RoleArn!)}; drift guard",
                $"aws iam update-assume-role-policy --role-name {RoleArns.NameOf(s.RoleArn!)} --policy-document file://NEW_TRUST.json",
            ],
            StepKind.CreateAssociation =>
            [
                $"{eks} list-pod-identity-associations --cluster-name {c.Name} --namespace {s.Binding!.Namespace} --service-account {s.Binding.ServiceAccount}",
                $"{eks} create-pod-identity-association --cluster-name {c.Name} --namespace {s.Binding.Namespace} --service-account {s.Binding.ServiceAccount} --role-arn {s.RoleArn}",
            ],
            StepKind.UpdateAddonAssociation =>
            [
                $"{eks} describe-addon --cluster-name {c.Name} --addon-name {s.AddonName}",
                $"{eks} update-addon --cluster-name {c.Name} --addon-name {s.AddonName} --pod-identity-associations serviceAccount={s.Binding!.ServiceAccount},roleArn={s.RoleArn}   # plus the add-on's existing ones",
            ],
            StepKind.RestartWorkload => [$"kubectl --context {c.Name} -n {s.Workload!.Namespace} rollout restart {s.Workload.Kind.ToString().ToLowerInvariant()}/{s.Workload.Name}"],
            StepKind.ManualRestart => [$"# manual: kubectl --context {c.Name} -n {s.Workload!.Namespace} delete/recreate {s.Workload.Kind.ToString().ToLowerInvariant()}/{s.Workload.Name}"],
            StepKind.VerifyPodIdentity =>
            [
                $"kubectl --context {c.Name} -n {s.Binding!.Namespace} rollout status ...   # each restarted workload",
                $"kubectl --context {c.Name} -n {s.Binding.Namespace} get pods   # serviceAccountName={s.Binding.ServiceAccount}; env AWS_CONTAINER_CREDENTIALS_FULL_URI present, AWS_ROLE_ARN absent",
            ],
            StepKind.RemoveIrsaAnnotations =>
            [
                $"kubectl --context {c.Name} -n {s.Binding!.Namespace} annotate serviceaccount {s.Binding.ServiceAccount} {ServiceAccountRecord.RoleArnAnnotation}- {ServiceAccountRecord.AudienceAnnotation}- {ServiceAccountRecord.StsRegionalEndpointsAnnotation}- {ServiceAccountRecord.TokenExpirationAnnotation}-",
            ],
            _ => [],
        };
    }

    private static string DescribeTrust(PlanStep s)
    {
        var exact = string.Join(", ", s.Bindings.Select(b => b.Display));
        return s.TrustScope switch
        {
            null or PodIdentityScope.ServiceAccount => $"would add pods.eks.amazonaws.com to the trust policy of {s.RoleArn}, scoped by session tags to {exact}",
            PodIdentityScope.Unscoped => $"would add pods.eks.amazonaws.com to the trust policy of {s.RoleArn} UNSCOPED (no session-tag condition: any association in account {RoleArns.AccountOf(s.RoleArn!)} that names the role can use it) for {exact}",
            PodIdentityScope scope => $"would add pods.eks.amazonaws.com to the trust policy of {s.RoleArn}, WIDENED to {TrustPolicyRewriter.Display(s.Bindings.Select(b => new PodIdentityBinding(b.Cluster.Arn, b.Namespace, b.ServiceAccount)), scope)} ({scope.Describe()}: any service account there, not only {exact}) because the exact scope is over the trust size limit",
        };
    }

    private static string Who(PlanStep s) => s.Binding is null ? s.Cluster.Key : s.Binding.Display;
}
