namespace Migrator.Sandbox.Conditions;

/// <summary>No IRSA annotation: an association to a role whose trust admits Pod Identity for it, pods on Pod Identity.</summary>
internal sealed class PodIdentityOnly : PodIdentityIdentity
{
    public override SeededCondition Condition => SeededCondition.PodIdentityOnly;
}
