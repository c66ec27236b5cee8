namespace Migrator.Sandbox.Conditions;

/// <summary>The trust names another ServiceAccount (NAME-svc) or the same name in the default namespace.</summary>
internal sealed class SubjectMismatch : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.SubjectMismatch;

    protected override string? TrustedSubject(EstateDraft draft, string ns, string name) =>
        draft.Rng.Next(2) == 0 ? $"system:serviceaccount:{ns}:{name}-svc" : $"system:serviceaccount:default:{name}";
}
