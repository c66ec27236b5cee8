using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Core.Evidence;

/// <summary>
/// Reads the credential uses of an inventory's identities from CloudTrail: one sweep per account, region and kind for
/// the whole look-back window (accounts and regions in parallel: each is paced on its own), then matched to each
/// identity. IRSA is also swept in us-east-1, where calls to the global STS endpoint are recorded. A sweep that fails
/// marks the identities it covers with the error; the inventory itself is not failed by it. A sweep reads at most its
/// page budget, newest first: one that stops there covers only the newest part of the window, and each identity's window
/// starts where the sweeps that concern it stopped (a use older than that is not known to be absent).
/// </summary>
public sealed class UsageEvidenceCollector(ICredentialUseEvents events, TimeProvider time)
{
    private const string GlobalStsRegion = "us-east-1";

    /// <summary>The uses of the snapshot's identities, each sweep reading at most <paramref name="maxPagesPerSweep"/> pages.</summary>
    /// <param name="snapshot">The inventory whose identities are looked up.</param>
    /// <param name="lookback">How far back from now.</param>
    /// <param name="maxPagesPerSweep">The page budget of each sweep (account, region and kind).</param>
    /// <param name="progress">Hears of each page read and each sweep done.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<UsageEvidence> CollectAsync(InventorySnapshot snapshot, TimeSpan lookback, int maxPagesPerSweep, IProgress<EvidenceProgress>? progress, CancellationToken ct)
    {
        var identities = snapshot.Identities();
        if (identities.Count == 0)
            return new UsageEvidence([], []);
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

        var tally = new EvidenceTally(sweeps.Count, progress);
        var results = await Task.WhenAll(sweeps.Select(async sweep =>
        {
            try
            {
                var read = await events.SweepAsync(sweep.Scope, sweep.Kind, start, end, maxPagesPerSweep, tally.PageRead, ct);
                return (sweep.Scope, sweep.Kind, Read: read, Error: (string?)null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (sweep.Scope, sweep.Kind, Read: new CredentialUseSweep([], 0, start, false), Error: $"CloudTrail LookupEvents ({sweep.Kind}) in {sweep.Scope.AccountId}/{sweep.Scope.Region}: {e.Message}");
            }
            finally
            {
                tally.SweepDone();
            }
        }));
        var uses = new CredentialUses(results.SelectMany(r => r.Read.Uses));
        var failures = results.Where(r => r.Error is not null).ToList();
        var stopped = results.Where(r => r.Read.Stopped).ToList();
        var notes = stopped.Select(r => new CollectionNote("cloudtrail", $"{r.Scope.AccountId}/{r.Scope.Region}", $"LookupEvents {CredentialUseEvents.EventName(r.Kind)}",
                $"stopped at the page budget ({r.Read.Pages} pages, Evidence:MaxPagesPerSweep): uses from {Time(r.Read.CoveredFrom)} to {Time(end)} were read, older ones in the {lookback.TotalDays:0.#}-day window were not; "
                + "identities recorded here count as unseen only from then. Raise the budget, or shorten Evidence:LookbackWindow"))
            .OrderBy(n => n.Target, StringComparer.Ordinal).ThenBy(n => n.Operation, StringComparer.Ordinal).ToList();
        var issuers = snapshot.Clusters.ToDictionary(c => c.Ref, c => RoleArns.IssuerHostPath(c.OidcIssuer));

        var usage = identities.Select(identity =>
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
                WindowStart = CoveredFrom(stopped.Select(r => (r.Scope, r.Read.CoveredFrom)), key, role, start),
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
        return new UsageEvidence(usage, notes);
    }

    /// <summary>
    /// Where an identity's window starts: the latest point where a stopped sweep of its accounts (the cluster's, the role's)
    /// in its region or the global STS region stopped; the window's start when none did.
    /// </summary>
    private static DateTimeOffset CoveredFrom(IEnumerable<(AwsScope Scope, DateTimeOffset From)> stopped, BindingKey key, string? role, DateTimeOffset start)
    {
        var roleAccount = role is null ? null : RoleArns.AccountOf(role);
        var from = start;
        foreach (var (scope, covered) in stopped)
        {
            var account = scope.AccountId == key.Cluster.AccountId || scope.AccountId == roleAccount;
            var region = scope.Region == key.Cluster.Region || scope.Region == GlobalStsRegion;
            if (account && region && covered > from)
                from = covered;
        }
        return from;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
