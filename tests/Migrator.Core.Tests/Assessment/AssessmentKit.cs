using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Tests.Assessment;

internal static class AssessmentKit
{
    public static AssessmentResult Assess(SnapshotBuilder builder, AssessmentSettings? settings = null) =>
        Assessor.Assess(builder.Build(), settings ?? new AssessmentSettings(), Estates.At);

    public static BindingAssessment Binding(this AssessmentResult result, ClusterRef c, string ns, string sa) =>
        result.Bindings.Single(b => b.Key == new BindingKey(c, ns, sa));

    public static AssessmentReason Reason(this BindingAssessment b, string code) =>
        b.Reasons.SingleOrDefault(r => r.Code == code) ?? throw new Xunit.Sdk.XunitException(
            $"expected reason {code} on {b.Key}; got [{string.Join(", ", b.Reasons.Select(r => r.Code))}]");

    public static bool Has(this BindingAssessment b, string code) => b.Reasons.Any(r => r.Code == code);

    public static IReadOnlyList<string> Codes(this BindingAssessment b) => b.Reasons.Select(r => r.Code).ToList();
}
