namespace Migrator.Core.Planning.Steps;

/// <summary>Add-on-owned ServiceAccount: UpdateAddon podIdentityAssociations instead of CreatePodIdentityAssociation.</summary>
public sealed record UpdateAddonAssociationStep() : BindingStep(StepKind.UpdateAddonAssociation)
{
    public required string AddonName { get; init; }

    public override string Describe() =>
        $"would add podIdentityAssociations {Key.ServiceAccount} -> {RoleArn} to add-on {AddonName} on {Cluster.Key}";

    public override IReadOnlyList<string> ApiCalls() =>
    [
        $"{Eks} describe-addon --cluster-name {Cluster.Name} --addon-name {AddonName}",
        $"{Eks} update-addon --cluster-name {Cluster.Name} --addon-name {AddonName} --pod-identity-associations serviceAccount={Key.ServiceAccount},roleArn={RoleArn}   # plus the add-on's existing ones",
    ];
}
