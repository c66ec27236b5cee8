using System.Text.Json;
using CsCheck;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Tests.Assessment;

/// <summary>
/// The assessment made cluster by cluster (estate facts once, each cluster's rows on their own) is exactly the
/// assessment of the whole snapshot: same bindings in the same order with the same reasons, same role findings.
/// </summary>
public sealed class ChunkedAssessmentTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [Fact]
    public void Assessing_cluster_by_cluster_equals_assessing_the_whole_snapshot()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var snapshot = RandomEstate.Build(seed);
            var whole = Assessor.Assess(snapshot, new AssessmentSettings(), Estates.At);
            var chunked = ClusterByCluster(snapshot);
            Assert.Equal(JsonSerializer.Serialize(whole, Json), JsonSerializer.Serialize(chunked, Json));
        }, iter: 400);
    }

    [Fact]
    public void Facts_with_trust_policy_sizes_only_and_each_part_bringing_the_texts_it_needs_assess_as_the_whole_snapshot()
    {
        // As a stored run is assessed: the facts carry each role's trust policy size, each part the texts of the roles
        // it names (TrustPoliciesNeeded), the role view a few roles' texts at a time.
        var seen = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var snapshot = RandomEstate.Build(seed);
            var whole = Assessor.Assess(snapshot, new AssessmentSettings(), Estates.At);
            var texts = snapshot.Roles.Where(r => r.TrustPolicy is not null).ToDictionary(r => r.Arn, r => r.TrustPolicy!, StringComparer.Ordinal);
            var facts = EstateFacts.Of(snapshot) with
            {
                Roles = [.. snapshot.Roles.Select(r => r.TrustPolicy is null ? r : r with { TrustPolicy = null, TrustPolicySize = Migrator.Core.Trust.TrustPolicySize.Count(r.TrustPolicy) })],
            };
            var chunked = new ChunkedAssessment(facts, new AssessmentSettings());
            var parts = ClusterPart.PerCluster(snapshot).ToDictionary(p => p.Cluster, p => p.Part);
            var bindings = ChunkedAssessment.InAssessmentOrder(parts.Keys).SelectMany(c =>
            {
                var needed = chunked.TrustPoliciesNeeded(parts[c]);
                seen += needed.Count;
                return chunked.AssessPart(parts[c] with { TrustPolicies = needed.ToDictionary(a => a, a => texts[a], StringComparer.Ordinal) });
            }).ToList();
            var findings = chunked.SharedRoleFindings().ToList();
            foreach (var batch in chunked.TrustFindingRoles().Chunk(3))
                findings.AddRange(chunked.TrustFindings(batch, ChunkedAssessment.TrustPoliciesNeeded(batch).ToDictionary(a => a, a => texts[a], StringComparer.Ordinal)));
            var slim = new AssessmentResult { RunId = snapshot.RunId, AssessedAt = Estates.At, Bindings = bindings, RoleFindings = findings };

            Assert.Equal(JsonSerializer.Serialize(whole, Json), JsonSerializer.Serialize(slim, Json));
        }, iter: 200);
        Assert.True(seen > 0, "no part needed a trust policy text: the property proves nothing");
    }

    [Fact]
    public void A_part_without_the_trust_policy_texts_it_needs_is_refused_not_judged_as_if_the_role_had_no_trust()
    {
        var snapshot = new SnapshotBuilder().Binding(Estates.East, "a", "s1", Estates.RoleArnOf("app")).Build();
        var role = Assert.Single(snapshot.Roles);
        var facts = EstateFacts.Of(snapshot) with { Roles = [role with { TrustPolicy = null, TrustPolicySize = 100 }] };
        var chunked = new ChunkedAssessment(facts, new AssessmentSettings());
        var part = ClusterPart.Whole(snapshot);

        Assert.Equal([role.Arn], chunked.TrustPoliciesNeeded(part));
        var e = Assert.Throws<InvalidOperationException>(() => chunked.AssessPart(part));
        Assert.Contains(role.Arn, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_random_estates_reach_across_clusters_and_use_the_per_cluster_figures()
    {
        // Guards the property above against estates too plain to tell a wrong split from a right one.
        var codes = Enumerable.Range(0, 300)
            .Select(RandomEstate.Build)
            .SelectMany(s => Assessor.Assess(s, new AssessmentSettings(), Estates.At).Bindings)
            .SelectMany(b => b.Reasons.Select(r => r.Code))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains(ReasonCodes.MultiCluster, codes);
        Assert.Contains(ReasonCodes.SharedRole, codes);
        Assert.Contains(ReasonCodes.NoRecentUse, codes);
        Assert.Contains(ReasonCodes.AddonOwned, codes);
        Assert.Contains(ReasonCodes.NoWorkloads, codes);
    }

    [Fact]
    public void A_part_holding_only_one_cluster_still_sees_roles_shared_with_other_clusters()
    {
        var role = Estates.RoleArnOf("shared");
        var snapshot = new SnapshotBuilder()
            .Binding(Estates.East, "a", "s1", role)
            .Binding(Estates.West, "a", "s1", role)
            .Build();
        var chunked = new ChunkedAssessment(EstateFacts.Of(snapshot), new AssessmentSettings());
        var (_, east) = ClusterPart.PerCluster(snapshot).Single(p => p.Cluster == Estates.East);

        var binding = Assert.Single(chunked.AssessPart(east));

        Assert.Contains(binding.Reasons, r => r.Code == ReasonCodes.MultiCluster);
        Assert.Contains(chunked.RoleFindings(), f => f.Code == ReasonCodes.RoleMultiCluster);
    }

    [Fact]
    public void A_roles_trust_is_read_once_while_later_clusters_need_it_and_let_go_after_its_last_cluster()
    {
        var middle = new ClusterRef(Estates.Prod, "us-east-2", "prod");
        var shared = Estates.RoleArnOf("shared");
        var snapshot = new SnapshotBuilder()
            .Binding(Estates.East, "a", "s1", Estates.RoleArnOf("single"))
            .Binding(Estates.East, "a", "s2", shared)
            .Binding(middle, "b", "s3", Estates.RoleArnOf("other"))
            .Binding(Estates.West, "c", "s4", shared)
            .Build();
        // Each role's trust document, told apart by a subject it trusts.
        var (single, sharedTrust) = ("system:serviceaccount:a:s1", "system:serviceaccount:c:s4");
        var reader = new CountingTrustReader();
        var chunked = new ChunkedAssessment(EstateFacts.Of(snapshot), new AssessmentSettings(), reader);
        var parts = ClusterPart.PerCluster(snapshot).ToDictionary(p => p.Cluster, p => p.Part);

        foreach (var cluster in ChunkedAssessment.InAssessmentOrder(parts.Keys))
            chunked.AssessPart(parts[cluster]);
        // The shared role is read once for both of its clusters (kept across the cluster between them); each role once.
        Assert.Equal(1, reader.Reads(sharedTrust));
        Assert.Equal(1, reader.Reads(single));

        // Once its last cluster was judged nothing is kept: judging a cluster again reads its roles again.
        chunked.AssessPart(parts[Estates.East]);
        Assert.Equal(2, reader.Reads(single));
        Assert.Equal(2, reader.Reads(sharedTrust));
    }

    private sealed class CountingTrustReader : Migrator.Core.Assessment.TrustSeam.ITrustReader
    {
        private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

        /// <summary>Reads of the trust documents that trust this ServiceAccount subject.</summary>
        public int Reads(string subject) => _reads.Where(r => r.Key.Contains(subject, StringComparison.Ordinal)).Sum(r => r.Value);

        public Migrator.Core.Assessment.TrustSeam.TrustRead Read(string document)
        {
            _reads[document] = _reads.GetValueOrDefault(document) + 1;
            return Migrator.Core.Assessment.TrustSeam.TrustEngineReader.Instance.Read(document);
        }
    }

    private static AssessmentResult ClusterByCluster(InventorySnapshot snapshot)
    {
        var chunked = new ChunkedAssessment(EstateFacts.Of(snapshot), new AssessmentSettings());
        var parts = ClusterPart.PerCluster(snapshot).ToDictionary(p => p.Cluster, p => p.Part);
        var bindings = ChunkedAssessment.InAssessmentOrder(parts.Keys).SelectMany(c => chunked.AssessPart(parts[c])).ToList();
        return new AssessmentResult { RunId = snapshot.RunId, AssessedAt = Estates.At, Bindings = bindings, RoleFindings = chunked.RoleFindings() };
    }
}
