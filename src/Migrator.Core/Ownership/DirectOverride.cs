using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Ownership;

/// <summary>
/// The approver's "run this directly" for change-set steps, recorded in the phase's approval: a token names an owner
/// kind ("terraform", "argocd"), one owner ("helm:payments", "cloudformation:stack-1") or a binding ("CLUSTER/NS/SA" or
/// "ACCOUNT/REGION/CLUSTER/NS/SA"). A role's trust step (shared by the role's bindings in the phase) is forced when its
/// owner is, or when every binding it serves is.
/// </summary>
public static class DirectOverride
{
    public static bool Forces(IReadOnlyList<string> tokens, ChangeSetStep step)
    {
        if (tokens.Count == 0) return false;
        if (tokens.Any(t => NamesOwner(t, step.Owner))) return true;
        var served = step.ServedBindings.ToList();
        return served.Count > 0 && served.All(b => tokens.Any(t => NamesBinding(t, b)));
    }

    /// <summary>The tokens that match nothing in the phase's change-set steps (the approval refuses them).</summary>
    public static IReadOnlyList<string> Unmatched(IReadOnlyList<string> tokens, Phase phase)
    {
        var steps = phase.Steps.OfType<ChangeSetStep>().ToList();
        return tokens.Where(t => !steps.Any(st => NamesOwner(t, st.Owner) || st.ServedBindings.Any(b => NamesBinding(t, b)))).ToList();
    }

    public static bool NamesOwner(string token, ResourceOwner owner)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? token : token[..colon];
        if (!Matches(kind, owner.Kind)) return false;
        return colon < 0 || string.Equals(token[(colon + 1)..], owner.Name, StringComparison.Ordinal);
    }

    public static bool NamesBinding(string token, BindingKey key) =>
        token == key.ToString() || token == $"{key.Cluster.Name}/{key.Namespace}/{key.ServiceAccount}";

    private static bool Matches(string text, OwnerKind kind) =>
        string.Equals(text, kind.ToString(), StringComparison.OrdinalIgnoreCase)
        || string.Equals(text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), kind.ToString(), StringComparison.OrdinalIgnoreCase);
}
