namespace Migrator.Sandbox.Conditions;

/// <summary>An association with disableSessionTags to a role whose pods.eks statement is scoped by session tags.</summary>
internal sealed class SessionTagsDisabledUnderTagTrust : PodIdentityIdentity
{
    public override SeededCondition Condition => SeededCondition.SessionTagsDisabledUnderTagTrust;

    protected override bool DisablesSessionTags => true;
}
