using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Text;

namespace Migrator.Verbs.Assessment;

/// <summary>
/// Finds a binding from CLUSTER/NAMESPACE/SERVICEACCOUNT (cluster by name) or ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT
/// (when a cluster name exists in several accounts or regions).
/// </summary>
internal static class BindingLocator
{
    public static BindingAssessment Find(AssessmentResult result, string spec)
    {
        var matches = Matching(result.Bindings, b => b.Key, spec);
        if (matches.Count == 1) return matches[0];
        var parts = spec.Split('/');
        var near = Near(result, spec, parts[^2], parts[^1]);
        throw new InvalidInputException($"no IRSA binding '{spec}' in the assessment of run {result.RunId}."
            + (near.Count == 0 ? " Run 'migrator assess' to list the bindings." : $" Near matches: {string.Join(", ", near)}."));
    }

    /// <summary>
    /// The items whose key <paramref name="spec"/> names; refuses a malformed spec (usage) and an ambiguous cluster name
    /// (invalid input, listing the full keys to use instead). Empty when nothing matches.
    /// </summary>
    public static List<T> Matching<T>(IEnumerable<T> items, Func<T, BindingKey> keyOf, string spec)
    {
        var parts = spec.Split('/');
        if (parts.Length is not (3 or 5) || parts.Any(p => p.Length == 0))
            throw new UsageException($"'{spec}' is not CLUSTER/NAMESPACE/SERVICEACCOUNT (or ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT).");
        var matches = items.Where(item => keyOf(item) is var k && k.Namespace == parts[^2] && k.ServiceAccount == parts[^1] && (parts.Length == 3
            ? k.Cluster.Name == parts[0]
            : k.Cluster.AccountId == parts[0] && k.Cluster.Region == parts[1] && k.Cluster.Name == parts[2])).ToList();
        if (matches.Count > 1)
            throw new InvalidInputException($"'{spec}' is ambiguous: cluster '{parts[0]}' exists in several accounts or regions. Use one of: {string.Join(", ", matches.Select(m => keyOf(m).ToString()))}.");
        return matches;
    }

    private static List<string> Near(AssessmentResult result, string spec, string ns, string sa) =>
        result.Bindings
            .Select(b => (b, d: Math.Min(Levenshtein.Distance(b.Key.Display, spec), Levenshtein.Distance(b.Key.ToString(), spec))))
            .Where(x => x.d <= Math.Max(3, spec.Length / 4) || x.b.Key.ServiceAccount == sa || (x.b.Key.Namespace == ns && x.b.Key.ServiceAccount.Contains(sa, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(x => x.d).ThenBy(x => x.b.Key.ToString(), StringComparer.Ordinal)
            .Take(5)
            .Select(x => x.b.Key.Display)
            .ToList();
}
