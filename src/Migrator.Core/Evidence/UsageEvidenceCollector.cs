using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Core.Evidence;

/// <summary>
/// Reads the credential uses of an inventory's identities from CloudTrail: one sweep per account, region and kind for
/// the whole look-back window (accounts and regions in parallel: each is paced on its own), then matched to each
/// identity. IRSA is also swept in us-east-1, where calls to the global STS endpoint are recorded. A sweep that fails
/// marks the identities it covers with the error; the inventory itself is not failed by it.
/// </summary>
public sealed class UsageEvidenceCollector(ICredentialUseEvents events, TimeProvider time)
{
    private const string GlobalStsRegion = "us-east-1";

    public async Task<IReadOnlyList<IdentityUsage>> CollectAsync(InventorySnapshot snapshot, TimeSpan lookback, CancellationToken ct)
    {
        var identities = snapshot.Identities();
        if (identities.Count == 0)
            return [];
        var end = time.GetUtcNow();
        var start = end - lookback;
        var regional = identities.Select(i => new AwsScope(i.Key.Cluster.AccountId, i.Key.Cluster.Region)).Distinct().ToList();
        // IRSA is recorded in the role's account: add the role accounts of annotated roles in the cluster regions.
        var roleScopes = identities.Where(i => i.AnnotatedRoleArn is not null)
            .Select(i => new AwsScope(RoleArns.AccountOf(i.AnnotatedRoleArn!), i.Key.Cluster.Region)).Where(s => s.AccountId.Length == 12);
        var webScopes = regional.Concat(roleScopes).Distinct().ToList();
        webScopes = [.. webScopes.Concat(webScopes.Where(s => !s.Region.StartsWith("cn-", StringComparison.Ordinal) && !s.Region.StartsWith("us-gov-", StringComparison.Ordinal))
            .Select(s => s with { Region = GlobalStsRegion })).Distinct()];
        var sweeps = regional.Select(s => (Scope: s, Kind: CredentialUseKind.PodIdentity)).Concat(webScopes.Select(s => (Scope: s, Kind: CredentialUseKind.WebIdentity))).ToList();

        var results = await Task.WhenAll(sweeps.Select(async sweep =>
        {
            try
            {
                return (sweep.Scope, Uses: await events.LookupAsync(sweep.Scope, sweep.Kind, start, end, ct), Error: (string?)null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (sweep.Scope, Uses: (IReadOnlyList<CredentialUse>)[], Error: $"CloudTrail LookupEvents ({sweep.Kind}) in {sweep.Scope.AccountId}/{sweep.Scope.Region}: {e.Message}");
            }
        }));
        var uses = new CredentialUses(results.SelectMany(r => r.Uses));
        var failures = results.Where(r => r.Error is not null).ToList();
        var issuers = snapshot.Clusters.ToDictionary(c => c.Ref, c => RoleArns.IssuerHostPath(c.OidcIssuer));

        return identities.Select(identity =>
        {
            var key = identity.Key;
            var role = identity.AnnotatedRoleArn ?? (identity.HasAssociation ? identity.Associations[0].RoleArn : null);
            IReadOnlyList<CredentialUse> irsa = role is null ? [] : uses.WebIdentity(key, role, issuers.GetValueOrDefault(key.Cluster));
            var podIdentity = uses.PodIdentity(key, identity.HasAssociation ? identity.Associations[0].RoleArn : null);
            var error = failures.FirstOrDefault(f => f.Scope.AccountId == key.Cluster.AccountId || (role is not null && f.Scope.AccountId == RoleArns.AccountOf(role))).Error;
            return new IdentityUsage
            {
                Key = key,
                RoleArn = role,
                WindowStart = start,
                WindowEnd = end,
                LastIrsaAt = irsa.Count > 0 ? irsa[0].Time : null,
                LastIrsaSource = irsa.Count > 0 ? irsa[0].Describe() : null,
                IrsaCount = irsa.Count,
                LastPodIdentityAt = podIdentity.Count > 0 ? podIdentity[0].Time : null,
                LastPodIdentitySource = podIdentity.Count > 0 ? podIdentity[0].Describe() : null,
                PodIdentityCount = podIdentity.Count,
                Error = error,
            };
        }).ToList();
    }
}
