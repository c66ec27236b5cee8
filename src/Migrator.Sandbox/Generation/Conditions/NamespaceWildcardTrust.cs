namespace Migrator.Sandbox.Conditions;

/// <summary>The trust allows every ServiceAccount of the namespace (system:serviceaccount:NS:* with StringLike).</summary>
internal sealed class NamespaceWildcardTrust : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.NamespaceWildcardTrust;

    protected override bool NamespaceWildcard => true;
}
