using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>
/// IRSA today vs Pod Identity after, stated for this estate (DOMAIN.md): what each needs, what can be removed once
/// every binding of an issuer has moved, and each role's trust policy before and after.
/// </summary>
internal sealed class ComparisonMapping(ReportSettings settings, ITrustPolicyProjection? trust)
{
    /// <param name="snapshot">The run's outline.</param>
    /// <param name="tally">The run's bindings, counted.</param>
    /// <param name="feed">The run's bindings, read again for the roles whose trust diffs are shown.</param>
    /// <param name="trustPolicies">Texts by role ARN for the roles <paramref name="snapshot"/> holds without them.</param>
    public ComparisonView Build(InventorySnapshot snapshot, ReportTally tally, IBindingFeed feed, IReadOnlyDictionary<string, string>? trustPolicies = null)
    {
        var view = new ComparisonView
        {
            AnnotationsRemovableNow = tally.AnnotationsRemovableNow,
            AnnotationsRemovableAfter = tally.Count(BindingCategory.Ready) + tally.Count(BindingCategory.Coordinate),
            AnnotationsStaying = tally.Count(BindingCategory.KeepIrsa),
        };
        view.OidcProviders = Providers(snapshot, tally);
        view.Accounts = Accounts(snapshot, tally, view.OidcProviders);
        Diffs(snapshot, tally, feed, trustPolicies, view);
        view.Dimensions = Dimensions(snapshot, tally, view);
        return view;
    }

    private static List<OidcProviderView> Providers(InventorySnapshot snapshot, ReportTally tally)
    {
        // IRSA needs the provider in the ROLE's account: a provider's users are the bindings of its issuer whose role
        // lives in the provider's account, counted in the tally's one pass.
        var clustersByIssuer = snapshot.Clusters.ToLookup(c => Issuer(c.OidcIssuer), c => c.Ref.Name, StringComparer.Ordinal);
        return snapshot.OidcProviders
            .Where(p => p.Url.Contains("oidc.eks.", StringComparison.Ordinal))
            .OrderBy(p => p.AccountId, StringComparer.Ordinal).ThenBy(p => p.Url, StringComparer.Ordinal)
            .Select(p =>
            {
                var url = Issuer(p.Url);
                var clusters = clustersByIssuer[url].Order(StringComparer.Ordinal).ToList();
                var (bindings, migrated, keep) = tally.IssuerUsers.GetValueOrDefault((url, p.AccountId));
                var remaining = bindings - migrated;
                var status = clusters.Count == 0 ? "No inventoried cluster: check other users before deleting"
                    : bindings == 0 ? "Removable now: no IRSA binding uses it"
                    : remaining == 0 ? "Removable now: every binding has moved"
                    : keep > 0 ? $"Stays: {keep} keep-IRSA binding(s)"
                    : $"Removable after migration: {remaining} binding(s) left";
                return new OidcProviderView
                {
                    Account = p.AccountId, Issuer = url, Arn = p.Arn, Clusters = string.Join(", ", clusters),
                    Bindings = bindings, Migrated = migrated, Remaining = remaining, KeepIrsa = keep, Status = status,
                };
            }).ToList();
    }

    private List<AccountQuotaView> Accounts(InventorySnapshot snapshot, ReportTally tally, List<OidcProviderView> providers) =>
        snapshot.OidcProviders.Select(p => p.AccountId)
            .Concat(snapshot.Clusters.Select(c => c.Ref.AccountId))
            .Concat(tally.RoleAccounts)
            .Distinct().Order(StringComparer.Ordinal)
            .Select(account =>
            {
                var count = snapshot.OidcProviders.Count(p => p.AccountId == account);
                var removable = providers.Count(p => p.Account == account && p.Status.StartsWith("Removable", StringComparison.Ordinal));
                return new AccountQuotaView
                {
                    Account = account, Providers = count, Quota = settings.OidcProviderQuota, Headroom = settings.OidcProviderQuota - count,
                    ProvidersAfter = count - removable, HeadroomAfter = settings.OidcProviderQuota - count + removable,
                };
            }).ToList();

    private void Diffs(InventorySnapshot snapshot, ReportTally tally, IBindingFeed feed, IReadOnlyDictionary<string, string>? trustPolicies, ComparisonView view)
    {
        view.RolesToRewrite = tally.MovingByRole.Count;
        if (trust is null)
        {
            view.TrustDiffNote = "Trust policy diffs are not computed in this build (no trust rewriter wired).";
            return;
        }
        // Each diff rewrites and lays out a whole trust policy (the largest roles come first): side by side, in order.
        var texts = snapshot.Roles.Where(r => r.TrustPolicy is not null).DistinctBy(r => r.Arn).ToDictionary(r => r.Arn, r => r.TrustPolicy!, StringComparer.Ordinal);
        foreach (var (arn, text) in trustPolicies ?? new Dictionary<string, string>())
            texts.TryAdd(arn, text);
        var shown = tally.RolesToDiff(settings.MaxTrustDiffs).Where(texts.ContainsKey).ToList();
        // The shown roles' moving bindings, in binding order: one more read of the run's bindings, their keys and categories only.
        var groups = shown.ToDictionary(r => r, _ => new List<BindingAssessment>(), StringComparer.Ordinal);
        if (groups.Count > 0)
        {
            foreach (var b in feed.Read(Core.Ports.AssessmentParts.Categories))
                if (ReportTally.Moves(b.Category) && groups.TryGetValue(b.RoleArn, out var list)) list.Add(b);
        }
        var diffs = new TrustDiffView[shown.Count];
        Parallel.For(0, shown.Count, i =>
        {
            var role = shown[i];
            var group = groups[role];
            var before = texts[role];
            var moved = group.Select(b => new TrustedBinding(b.Key.Cluster.Arn, tally.IssuerOf(b), b.Key.Namespace, b.Key.ServiceAccount)).ToList();
            var projection = trust.Project(before, moved);
            var after = projection.Success ? projection.Document : before;
            diffs[i] = new TrustDiffView
            {
                RoleArn = role,
                Bindings = string.Join(", ", group.Select(b => b.Key.Display)),
                SizeBefore = TrustDocument.Size(before),
                SizeAfter = TrustDocument.Size(after),
                Success = projection.Success,
                Error = projection.Error ?? "",
                Warnings = projection.Warnings.ToList(),
                Lines = TrustDiff.Compute(before, after),
            };
        });
        view.TrustDiffs.AddRange(diffs);
        view.TrustDiffsShown = view.TrustDiffs.Count;
    }

    /// <summary>
    /// The largest trust policy's size and how many are above 80% of the limit. A policy's size (IAM's count, without
    /// whitespace outside strings, URL-decoded) is never more than its length, so only the policies long enough to
    /// matter are counted exactly: those at 80% of the limit by length, and the longest until no longer one can win.
    /// </summary>
    private (int Largest, int NearLimit) TrustSizes(IEnumerable<RoleRecord> roles)
    {
        var (largest, nearLimit) = (0, 0);
        // Sizes read with the outline are counted already.
        foreach (var size in roles.Select(r => r.TrustPolicySize).OfType<int>())
        {
            largest = Math.Max(largest, size);
            if (size * 10 >= settings.TrustPolicySizeLimit * 8) nearLimit++;
        }
        var byLength = roles.Where(r => r.TrustPolicy is not null).Select(r => r.TrustPolicy!).OrderByDescending(p => p.Length).ToList();
        foreach (var policy in byLength)
        {
            var mayBeNear = policy.Length * 10 >= settings.TrustPolicySizeLimit * 8;
            if (!mayBeNear && policy.Length <= largest) break;
            var size = TrustDocument.Size(policy);
            largest = Math.Max(largest, size);
            if (size * 10 >= settings.TrustPolicySizeLimit * 8) nearLimit++;
        }
        return (largest, nearLimit);
    }

    private List<DimensionView> Dimensions(InventorySnapshot snapshot, ReportTally tally, ComparisonView view)
    {
        var clusters = snapshot.Clusters.Count;
        var agents = snapshot.Clusters.Count(c => c.AutoMode || string.Equals(c.PodIdentityAgentStatus, "ACTIVE", StringComparison.OrdinalIgnoreCase));
        var movable = view.AnnotationsRemovableAfter;
        var eksProviders = view.OidcProviders.Count;
        var roles = tally.Roles.Count;
        var multiClusterRoles = tally.Roles.Values.Count(r => r.Clusters > 1);
        var (largest, nearLimit) = TrustSizes(snapshot.Roles);
        // The largest issuer and cluster: the first seen of the largest (bindings come in key order).
        var byIssuer = Largest(tally.ByIssuer);
        var byCluster = Largest(tally.ByClusterName);
        var total = tally.Total;
        return
        [
            new DimensionView
            {
                Dimension = "Setup steps",
                Irsa = "Per cluster: an IAM OIDC provider in every account whose roles it uses. Per binding: a ServiceAccount annotation and a trust statement naming the cluster's issuer.",
                PodIdentity = "Per cluster: the eks-pod-identity-agent add-on (built into Auto Mode). Per binding: one association. Per role: one pods.eks.amazonaws.com statement.",
                ThisEstate = $"{eksProviders} EKS OIDC provider(s) and {total} annotation(s) today; the agent runs on {agents} of {clusters} cluster(s) ({clusters - agents} to install); {movable} association(s) to create.",
            },
            new DimensionView
            {
                Dimension = "Moving parts",
                Irsa = "OIDC providers, annotations, webhook-injected tokens, one trust statement per cluster and subject.",
                PodIdentity = "One agent DaemonSet per cluster and associations in the EKS API; no OIDC provider, no annotation.",
                ThisEstate = $"{total} OIDC trust subject(s) on {roles} role(s); {view.RolesToRewrite} role(s) get a scoped pods.eks statement; {view.AnnotationsRemovableNow + movable} annotation(s) and {view.OidcProviders.Count(p => p.Status.StartsWith("Removable", StringComparison.Ordinal))} provider(s) can go once moved.",
            },
            new DimensionView
            {
                Dimension = "Blast radius",
                Irsa = "Deleting an OIDC provider or a wrong trust edit breaks every binding of that issuer in the account.",
                PodIdentity = "An agent outage affects one cluster. An unscoped pods.eks trust lets any association in the account use the role: we scope by cluster, namespace and ServiceAccount session tags.",
                ThisEstate = byIssuer is not { } issuer ? "No bindings with a known issuer." : $"Largest issuer: {issuer.Count} binding(s) ({issuer.Key}); largest cluster: {byCluster?.Count ?? 0} binding(s) ({byCluster?.Key}).",
            },
            new DimensionView
            {
                Dimension = "Multi-cluster",
                Irsa = $"One trust statement per cluster's OIDC provider: policies grow with clusters toward the {settings.TrustPolicySizeLimit}-character limit.",
                PodIdentity = "One statement serves every cluster (scoped by the eks-cluster-arn tag); size stays flat.",
                ThisEstate = $"{multiClusterRoles} role(s) are used from more than one cluster; the largest trust policy is {largest} of {settings.TrustPolicySizeLimit} characters; {nearLimit} role(s) are above 80% of the limit.",
            },
            new DimensionView
            {
                Dimension = "Cross-account",
                Irsa = "Native: a role in another account trusts the cluster's OIDC provider.",
                PodIdentity = "The role must be in the cluster's account; cross-account needs TargetRoleArn (since 2025-06-11) and a second role.",
                ThisEstate = $"{tally.CrossAccount} binding(s) use a role in another account; {tally.CrossAccountKeepIrsa} of them stay on IRSA by assessment.",
            },
        ];
    }

    /// <summary>The entry with the highest count, the first of equals (in first-seen order); null when there is none.</summary>
    private static (string Key, int Count)? Largest(Dictionary<string, int> counts)
    {
        (string Key, int Count)? best = null;
        foreach (var (key, count) in counts)
            if (best is null || count > best.Value.Count) best = (key, count);
        return best;
    }
}
