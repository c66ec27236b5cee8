namespace Migrator.Core.Inventory;

/// <summary>One IRSA binding's identity: a ServiceAccount in a namespace of a cluster.</summary>
public sealed record BindingKey(ClusterRef Cluster, string Namespace, string ServiceAccount) : ISpanFormattable
{
    /// <summary>CLUSTER/NAMESPACE/SERVICEACCOUNT as the CLI accepts it (cluster by name).</summary>
    public string Display => $"{Cluster.Name}/{Namespace}/{ServiceAccount}";

    public override string ToString() => $"{Cluster}/{Namespace}/{ServiceAccount}";

    /// <summary>Writes <see cref="ToString"/>'s form into <paramref name="destination"/> without making a string (see <see cref="ClusterRef.TryFormat"/>).</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite($"{Cluster}/{Namespace}/{ServiceAccount}", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Reads <see cref="ToString"/>'s form back: ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BindingKey? key)
    {
        var parts = text.Split('/');
        key = parts.Length == 5 && parts.All(p => p.Length > 0) ? new BindingKey(new ClusterRef(parts[0], parts[1], parts[2]), parts[3], parts[4]) : null;
        return key is not null;
    }
}
