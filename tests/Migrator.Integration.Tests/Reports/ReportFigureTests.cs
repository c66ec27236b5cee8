using System.Globalization;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Trust;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

/// <summary>The report's counted figures (reason rows, trust-policy sizes) equal the plain way of counting them.</summary>
public class ReportFigureTests
{
    [Fact]
    public void Reason_rows_count_each_binding_once_per_code_and_category_as_a_plain_group_by_does()
    {
        foreach (var input in new[] { ReportScenario.Small(), ReportScenario.Large(3000) })
        {
            var model = new ReportModelBuilder(new ReportSettings(), trust: null).Build(input);
            var bindings = input.Assessment.Bindings;
            var labels = model.Categories.ToDictionary(c => c.Key, c => c.Label);
            var expected = bindings.SelectMany(b => b.Reasons.Select(r => (Binding: b, Reason: r)))
                .GroupBy(x => x.Reason.Code, StringComparer.Ordinal)
                .Select(g => (
                    Code: g.Key,
                    Severity: g.Max(x => x.Reason.Severity).ToString(),
                    Count: g.Select(x => x.Binding.Key).Distinct().Count(),
                    Categories: string.Join(", ", g.GroupBy(x => x.Binding.Category).OrderBy(c => c.Key)
                        .Select(c => $"{labels[c.Key.ToString()]} {c.Select(x => x.Binding.Key).Distinct().Count()}"))))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal)
                .ToList();

            Assert.Equal(expected, model.Reasons.Select(r => (r.Code, r.Severity, r.Count, r.Categories)).ToList());
            Assert.Contains(model.Reasons, r => r.Count > 1);
        }
    }

    [Fact]
    public void The_largest_trust_policy_and_those_near_the_limit_are_counted_as_iam_counts_them()
    {
        var input = ReportScenario.Small();
        var compact = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"" + new string('a', 1700) + "\"}}}]}";
        // Longer than the compact one as text, smaller as IAM counts: spaces outside strings, and URL encoding.
        var padded = compact.Replace(new string('a', 1700), new string('b', 1300), StringComparison.Ordinal) + new string(' ', 3000);
        var encoded = Uri.EscapeDataString(compact.Replace(new string('a', 1700), new string('c', 1600), StringComparison.Ordinal));
        var roles = input.Snapshot.Roles.Concat([Role("compact", compact), Role("padded", padded), Role("encoded", encoded)]).ToList();
        input = input with { Snapshot = input.Snapshot with { Roles = roles } };

        var model = new ReportModelBuilder(new ReportSettings(), trust: null).Build(input);

        var sizes = roles.Where(r => r.TrustPolicy is not null).Select(r => TrustPolicySize.Count(r.TrustPolicy!)).ToList();
        var limit = new ReportSettings().TrustPolicySizeLimit;
        var text = Assert.Single(model.Comparison.Dimensions, d => d.Dimension == "Multi-cluster").ThisEstate;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"the largest trust policy is {sizes.Max()} of {limit} characters; {sizes.Count(s => s * 10 >= limit * 8)} role(s) are above 80%"), text, StringComparison.Ordinal);
        Assert.True(encoded.Length > compact.Length && padded.Length > compact.Length);
        Assert.Equal(TrustPolicySize.Count(compact), sizes.Max());
    }

    private static RoleRecord Role(string name, string trust) =>
        new() { Arn = $"arn:aws:iam::111111111111:role/{name}", AccountId = "111111111111", Name = name, TrustPolicy = trust };
}
