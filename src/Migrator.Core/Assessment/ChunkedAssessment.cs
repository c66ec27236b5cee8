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

    /// <summary>The role view of the estate (shared and multi-cluster roles, over-broad trust), from the estate facts alone.</summary>
    public IReadOnlyList<RoleFinding> RoleFindings() => Assessor.RoleFindingsOf(_wide);

    /// <summary>The order in which parts must be assessed for their bindings to concatenate in the whole assessment's order.</summary>
    public static IEnumerable<ClusterRef> InAssessmentOrder(IEnumerable<ClusterRef> clusters) =>
        clusters.Distinct().OrderBy(c => c.Key, StringComparer.Ordinal);
}
