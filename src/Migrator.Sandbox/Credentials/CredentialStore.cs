using System.Collections.Concurrent;
using System.Globalization;

namespace Migrator.Sandbox;

/// <summary>
/// The keys the sandbox accepts: one long-term key per account (deterministic from the seed), the operator's key in
/// the first account, temporary keys issued by STS AssumeRole, and static Kubernetes bearer tokens per cluster.
/// SigV4 verification looks the access key up here to find the secret and the account. Thread-safe.
/// </summary>
public sealed class CredentialStore
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly ConcurrentDictionary<string, AwsCredential> _byAccessKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClusterToken> _clusterTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AwsCredential> _accountKeys = new(StringComparer.Ordinal);
    private readonly int _seed;
    private long _issued;

    public CredentialStore(Estate estate, int seed)
    {
        _seed = seed;
        foreach (var account in estate.Accounts)
        {
            var key = LongTermKey(account, $"account/{account.Id}", $"arn:{account.Partition}:iam::{account.Id}:user/sandbox-admin");
            _accountKeys[account.Id] = key;
            Add(key);
        }
        var first = estate.Accounts.FirstOrDefault()
            ?? throw new ArgumentException("the estate has no accounts; the operator's key lives in the first account.", nameof(estate));
        Operator = LongTermKey(first, "operator", first.OperatorPrincipal ?? $"arn:{first.Partition}:iam::{first.Id}:user/migrator-operator");
        Add(Operator);
        foreach (var cluster in estate.Clusters)
            AddClusterToken(cluster);
    }

    /// <summary>The credentials the tool starts with (long-term key of the operator principal in the first account).</summary>
    public AwsCredential Operator { get; }

    /// <summary>The long-term key of each account (an admin user per account), for hand-written AWS profiles.</summary>
    public IReadOnlyDictionary<string, AwsCredential> AccountKeys => _accountKeys;

    public IReadOnlyCollection<ClusterToken> ClusterTokens => _clusterTokens.Values.OrderBy(t => t.ClusterKey, StringComparer.Ordinal).ToList();

    public void Add(AwsCredential credential) => _byAccessKey[credential.AccessKeyId] = credential;

    public bool TryGet(string accessKeyId, out AwsCredential credential) => _byAccessKey.TryGetValue(accessKeyId, out credential!);

    /// <summary>
    /// Issues temporary credentials (ASIA...) for an assumed-role session in an account, and remembers them.
    /// STS AssumeRole calls this after checking the role's trust policy.
    /// </summary>
    public AwsCredential IssueTemporary(string accountId, string assumedRoleArn, DateTimeOffset expiration)
    {
        var n = Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture);
        var credential = new AwsCredential(
            "ASIA" + StableId.FromAlphabet($"{_seed}/temp/{n}/id", 16, KeyAlphabet),
            StableId.FromAlphabet($"{_seed}/temp/{n}/secret", 40, SecretAlphabet),
            accountId,
            assumedRoleArn,
            SessionToken: "IQoJb3JpZ2luX2VjE" + StableId.FromAlphabet($"{_seed}/temp/{n}/token", 180, SecretAlphabet),
            Expiration: expiration);
        Add(credential);
        return credential;
    }

    /// <summary>The static bearer token of a cluster (kubeconfig user token).</summary>
    public ClusterToken ClusterTokenOf(Cluster cluster) =>
        _clusterTokens.Values.FirstOrDefault(t => t.ClusterKey == cluster.Key) ?? AddClusterToken(cluster);

    /// <summary>The cluster a static bearer token was issued for (EKS k8s-aws-v1. tokens are checked by the Kubernetes API through STS instead).</summary>
    public bool TryResolveClusterToken(string token, out ClusterToken clusterToken) => _clusterTokens.TryGetValue(token, out clusterToken!);

    private ClusterToken AddClusterToken(Cluster cluster)
    {
        var token = new ClusterToken("sandbox-" + StableId.Hex($"{_seed}/kube/{cluster.Key}", 40), cluster.Key, $"sandbox-admin@{cluster.Name}");
        _clusterTokens[token.Token] = token;
        return token;
    }

    private AwsCredential LongTermKey(Account account, string purpose, string principalArn) => new(
        "AKIA" + StableId.FromAlphabet($"{_seed}/{purpose}/id", 16, KeyAlphabet),
        StableId.FromAlphabet($"{_seed}/{purpose}/secret", 40, SecretAlphabet),
        account.Id,
        principalArn);
}
