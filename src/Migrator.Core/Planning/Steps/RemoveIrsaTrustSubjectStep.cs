namespace Migrator.Core.Planning.Steps;

/// <summary>Cleanup: this cluster's issuer + this ServiceAccount's subject removed from the role's trust, never another's.</summary>
public sealed record RemoveIrsaTrustSubjectStep() : BindingStep(StepKind.RemoveIrsaTrustSubject)
{
    /// <summary>The issuer host/path of this binding's cluster.</summary>
    public required string Issuer { get; init; }

    public override string Describe() =>
        $"would remove subject system:serviceaccount:{Key.Namespace}:{Key.ServiceAccount} of issuer {Issuer} from the trust policy of {RoleArn} (other clusters' and ServiceAccounts' trust untouched)";

    public override IReadOnlyList<string> ApiCalls() => RoleTrustCalls.For(RoleArn!);
}
