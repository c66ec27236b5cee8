using Migrator.Core.Trust;
using Migrator.Reports.Model;

namespace Migrator.Reports;

/// <summary>The trust policy diff of a comparison, statement by statement (<see cref="PolicyDiff.Statements"/>).</summary>
internal static class TrustDiff
{
    public static List<DiffLineView> Compute(string before, string after) =>
        PolicyDiff.Statements(before, after).Select(l => new DiffLineView { Op = l.Mark.ToString(), Text = l.Text }).ToList();
}
