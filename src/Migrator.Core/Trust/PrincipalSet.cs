namespace Migrator.Core.Trust;

/// <summary>
/// The principals of a statement: <c>"*"</c> (everyone) or values per type (AWS, Service, Federated, CanonicalUser).
/// </summary>
public sealed class PrincipalSet
{
    public static readonly IReadOnlyList<string> Types = ["AWS", "Service", "Federated", "CanonicalUser"];

    public bool IsEveryone { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByType { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> Of(string type) => ByType.TryGetValue(type, out var v) ? v : [];

    /// <summary>
    /// Whether the principal of a request (type and value) is named. <c>"*"</c> and <c>{"AWS":"*"}</c> are equivalent
    /// and name everyone (IAM user guide, "AWS JSON policy elements: Principal", all principals). Other values are
    /// compared exactly: IAM does not allow wildcards inside a principal value.
    /// </summary>
    public bool Names(string type, string value) =>
        IsEveryone
        || Of("AWS").Contains("*")
        || Of(type).Any(v => v == "*" || string.Equals(v, value, StringComparison.Ordinal));

    public override string ToString() =>
        IsEveryone ? "\"*\"" : string.Join(", ", ByType.Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value)}]"));
}
