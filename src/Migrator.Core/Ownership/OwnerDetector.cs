namespace Migrator.Core.Ownership;

/// <summary>
/// Finds the owner of a role from its tags, and of a ServiceAccount from its labels and annotations, by the first
/// matching rule. Pure: the inventory calls it while collecting and records the answer.
/// </summary>
public sealed class OwnerDetector
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();
    private readonly IReadOnlyList<OwnerRule> _rules;

    public OwnerDetector(OwnershipSettings settings) => _rules = OwnerRules.Effective(settings);

    public OwnerDetector(IReadOnlyList<OwnerRule> rules) => _rules = rules;

    public IReadOnlyList<OwnerRule> Rules => _rules;

    public ResourceOwner? ForRole(IReadOnlyDictionary<string, string> tags) => Detect(tags, None, None);

    public ResourceOwner? ForServiceAccount(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations) =>
        Detect(None, labels, annotations);

    private ResourceOwner? Detect(IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations)
    {
        foreach (var rule in _rules)
        {
            var (metadata, word) = rule.Source switch
            {
                OwnerSource.RoleTag => (tags, "tag"),
                OwnerSource.ServiceAccountLabel => (labels, "label"),
                _ => (annotations, "annotation"),
            };
            foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (!KeyMatches(rule.Key, key) || (rule.Value is not null && !Glob(rule.Value, value)))
                    continue;
                // A rule matching a marker value (managed-by=Helm) names no instance unless NameKey says where to read one.
                var name = rule.NameKey is not null ? (metadata.TryGetValue(rule.NameKey, out var n) ? n : null) : rule.Value is null ? value : null;
                if (rule.Owner == OwnerKind.ArgoCd && key == OwnerRules.ArgoCdTrackingId && name is not null)
                    name = name.Split(':')[0]; // APP:GROUP/KIND:NAMESPACE/NAME
                return new ResourceOwner(rule.Owner, string.IsNullOrEmpty(name) ? null : name, $"{word} {key}={value}");
            }
        }
        return null;
    }

    private static bool KeyMatches(string pattern, string key) =>
        pattern.EndsWith('*') ? key.StartsWith(pattern[..^1], StringComparison.Ordinal) : key == pattern;

    /// <summary>'*' matches any run of characters; case-insensitive (Helm writes "Helm", people write "helm").</summary>
    internal static bool Glob(string pattern, string value)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
            return string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
        if (!value.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
            return false;
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = value.IndexOf(parts[i], at, StringComparison.OrdinalIgnoreCase);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        return value.Length - at >= parts[^1].Length && value.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase);
    }
}
