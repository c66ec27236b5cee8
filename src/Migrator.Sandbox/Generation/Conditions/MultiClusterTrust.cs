namespace Migrator.Sandbox.Conditions;

/// <summary>The same ServiceAccount in two standard clusters of one account; its role has one statement per cluster's provider.</summary>
internal sealed class MultiClusterTrust : PlantedCondition
{
    public override SeededCondition Condition => SeededCondition.MultiClusterTrust;

    public override void Plant(EstateDraft draft, int round)
    {
        var pairs = draft.SameAccountStandardPairs();
        if (pairs.Count == 0 || draft.Budget < 2)
            return;
        var (first, second) = pairs[round % pairs.Count];
        var account = draft.AccountOf(first);
        var ns = draft.PickNamespace(first);
        // The same ServiceAccount lives in both clusters, so its name must be free in both.
        var name = draft.NewServiceAccountName(ns, first, second);
        var subject = $"system:serviceaccount:{ns}:{name}";
        var statements = new[] { first, second }.Select(c => GeneratedTrust.IrsaStatement(EstateDraft.ProviderArn(account, c), c.OidcIssuer!, [subject], TrustStyle.Terraform));
        var role = draft.AddApplicationRole(account, $"{ns}-{name}-multi", "/", GeneratedTrust.Document(statements, TrustStyle.Terraform), [draft.Pick(GeneratedNames.Policies)], eksctl: null);
        draft.AddBinding(first, ns, name, role, Condition);
        draft.AddBinding(second, ns, name, role, Condition);
    }
}
