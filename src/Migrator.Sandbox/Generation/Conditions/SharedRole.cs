namespace Migrator.Sandbox.Conditions;

/// <summary>Two to four ServiceAccounts of one namespace share a role whose one statement lists them all.</summary>
internal sealed class SharedRole : PlantedCondition
{
    public override SeededCondition Condition => SeededCondition.SharedRole;

    public override void Plant(EstateDraft draft, int round)
    {
        var cluster = Home(draft, round);
        var account = draft.AccountOf(cluster);
        var ns = draft.PickNamespace(cluster);
        var count = Math.Min(draft.Budget, 2 + draft.Rng.Next(3));
        if (count < 2)
            return;
        var names = Enumerable.Range(0, count).Select(_ => draft.NewServiceAccountName(ns, cluster)).ToList();
        var subjects = names.Select(n => $"system:serviceaccount:{ns}:{n}").ToList();
        var role = draft.AddApplicationRole(account, $"{ns}-shared-{draft.Rng.Next(100, 999)}", "/", EstateDraft.IrsaTrust(account, cluster, subjects, TrustStyle.Terraform), [draft.Pick(GeneratedNames.Policies)], eksctl: null);
        foreach (var name in names)
            draft.AddBinding(cluster, ns, name, role, Condition);
    }
}
