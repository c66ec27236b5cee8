namespace Migrator.Sandbox.Conditions;

/// <summary>One ServiceAccount, one cluster, a role trusting exactly it: what the fillers make most of.</summary>
internal sealed class SimpleIrsa : SingleRoleBinding
{
    public static readonly SimpleIrsa Binding = new();

    public override SeededCondition Condition => SeededCondition.SimpleIrsa;
}
