namespace Migrator.Sandbox;

/// <summary>
/// Mutates a new pod as the EKS Pod Identity webhook does at admission (IRSA env and token volume for an annotated
/// ServiceAccount; container-credential env and the eks.amazonaws.com/pod-identity label when an association exists;
/// nothing of Pod Identity on Fargate or Windows). The implementation in this assembly is found by reflection; the
/// sandbox calls it for every pod it creates, at load and on rollouts.
/// </summary>
public interface IPodAdmission
{
    /// <summary>Mutates <paramref name="pod"/> in place. Called under the state lock; the pod's node is already chosen.</summary>
    void Admit(Estate estate, Cluster cluster, Pod pod);
}
