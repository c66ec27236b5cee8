using Migrator.Core.Assessment.Rules;
using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// An assessment made cluster by cluster, so a caller never holds the whole estate: the estate facts are indexed once
/// (each role's trust read once), then each <see cref="ClusterPart"/> is judged and can be let go. Concatenating
/// the parts' bindings in cluster-key order, with <see cref="RoleFindings"/>, gives exactly what
/// <see cref="Assessor.Assess(InventorySnapshot, AssessmentSettings, DateTimeOffset)"/> gives for the whole snapshot.
/// Pure: the caller reads the parts and stores the results.
/// </summary>
public sealed class ChunkedAssessment
{
    private readonly EstateWide _wide;
    private readonly AssessmentSettings _settings;
    private readonly IReadOnlyList<IAssessmentRule> _irsaRules;
    private readonly IReadOnlyList<IAssessmentRule> _identityRules;

    public ChunkedAssessment(EstateFacts facts, AssessmentSettings settings)
        : this(facts, settings, TrustEngineReader.Instance)
    {
    }

    internal ChunkedAssessment(EstateFacts facts, AssessmentSettings settings, ITrustReader trustReader)
    {
        _wide = new EstateWide(facts, trustReader);
        _settings = settings;
        _irsaRules = Assessor.IrsaRules(settings);
        _identityRules = Assessor.IdentityRules();
    }

    public EstateFacts Facts => _wide.Facts;

    /// <summary>
    /// The bindings of one part, in key order. A part holds whole clusters (<see cref="ClusterPart"/>); parts given in
    /// cluster-key order, one cluster each, list the estate's bindings in the order of the whole assessment.
    /// </summary>
    public List<BindingAssessment> AssessPart(ClusterPart part) => Assessor.AssessPart(_wide, part, _settings, _irsaRules, _identityRules);

    /// <summary>
    /// The stored role ARNs whose trust policy texts <paramref name="part"/> must bring
    /// (<see cref="ClusterPart.TrustPolicies"/>): the roles its ServiceAccounts and associations (and their target roles)
    /// name that the facts carry with a size only. Empty when the facts carry the texts. Reads only what construction
    /// built, so it may be asked while another part is judged.
    /// </summary>
    public IReadOnlyList<string> TrustPoliciesNeeded(ClusterPart part) =>
        _wide.TextsLeftOut(part.ServiceAccounts.Select(sa => sa.RoleArn)
                .Concat(part.Associations.SelectMany(a => new[] { a.RoleArn, a.TargetRoleArn })))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The ARNs of <paramref name="roles"/> (a batch of <see cref="TrustFindingRoles"/>) whose texts <see cref="TrustFindings"/> needs.</summary>
    public static IReadOnlyList<string> TrustPoliciesNeeded(IEnumerable<RoleRecord> roles) =>
        [.. roles.Where(EstateWide.TextLeftOut).Select(r => r.Arn)];

    /// <summary>The role view of the estate (shared and multi-cluster roles, over-broad trust), from facts that carry the trust policy texts.</summary>
    public IReadOnlyList<RoleFinding> RoleFindings() => [.. SharedRoleFindings(), .. TrustFindings(TrustFindingRoles(), new Dictionary<string, string>())];

    /// <summary>
    /// The role view's findings about roles annotated more than once (shared, multi-cluster), made as they are walked
    /// (a caller can store them a batch at a time): no trust policy is read.
    /// </summary>
    public IEnumerable<RoleFinding> SharedRoleFindings() => Roles.RoleFindings.Shared(_wide);

    /// <summary>
    /// The roles whose trust the role view judges (the annotated ones), in the order their findings are listed: judged
    /// in batches (<see cref="TrustFindings"/>), in this order, they list what <see cref="RoleFindings"/> lists after
    /// <see cref="SharedRoleFindings"/>.
    /// </summary>
    public IReadOnlyList<RoleRecord> TrustFindingRoles() => Roles.RoleFindings.TrustJudged(_wide);

    /// <summary>
    /// The over-broad trust findings of <paramref name="roles"/> (a run of <see cref="TrustFindingRoles"/>), with
    /// <paramref name="texts"/> the trust policy texts (by ARN) of those the facts carry with a size only.
    /// </summary>
    public IReadOnlyList<RoleFinding> TrustFindings(IReadOnlyList<RoleRecord> roles, IReadOnlyDictionary<string, string> texts)
    {
        _wide.UseTrustPolicies(texts);
        return [.. Roles.RoleFindings.Trust(_wide, roles)];
    }

    /// <summary>The order in which parts must be assessed for their bindings to concatenate in the whole assessment's order.</summary>
    public static IEnumerable<ClusterRef> InAssessmentOrder(IEnumerable<ClusterRef> clusters) =>
        clusters.Distinct().OrderBy(c => c.Key, StringComparer.Ordinal);
}
