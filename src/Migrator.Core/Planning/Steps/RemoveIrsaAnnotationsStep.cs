using Migrator.Core.Inventory;

namespace Migrator.Core.Planning.Steps;

/// <summary>Cleanup: the eks.amazonaws.com IRSA annotations removed from the binding's ServiceAccount.</summary>
public sealed record RemoveIrsaAnnotationsStep() : BindingStep(StepKind.RemoveIrsaAnnotations)
{
    /// <summary>The annotations IRSA reads (DOMAIN.md): all removed, all restored on rollback.</summary>
    public static readonly IReadOnlyList<string> IrsaAnnotationKeys =
    [
        ServiceAccountRecord.RoleArnAnnotation, ServiceAccountRecord.AudienceAnnotation,
        ServiceAccountRecord.StsRegionalEndpointsAnnotation, ServiceAccountRecord.TokenExpirationAnnotation,
    ];

    public override string Describe() =>
        $"would remove the eks.amazonaws.com IRSA annotations from ServiceAccount {Who} (after checking its association is in place)";

    public override IReadOnlyList<string> ApiCalls() =>
        [$"kubectl --context {Cluster.Arn} -n {Key.Namespace} annotate serviceaccount {Key.ServiceAccount} {string.Join(' ', IrsaAnnotationKeys.Select(k => k + "-"))}"];
}
