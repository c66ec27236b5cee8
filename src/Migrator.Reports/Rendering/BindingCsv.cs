using System.Globalization;
using System.Text;
using Migrator.Reports.Model;

namespace Migrator.Reports.Rendering;

/// <summary>
/// The binding list as RFC 4180 CSV, one schema for the report's CSV and `assess --output csv`: one row per binding
/// with its inventory run, category by name (KeepIrsa), reason codes separated by ';', booleans as true/false. Cells
/// that a spreadsheet would run as a formula get a leading quote; hidden characters are shown as \uXXXX.
/// </summary>
public static class BindingCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "run_id", "account", "region", "cluster", "namespace", "service_account", "role_arn", "category", "lifecycle", "score",
        "canary_candidate", "coordination_group", "owning_addon", "pods", "workloads", "reason_codes", "irsa_annotated",
        "association_role_arn", "owners", "today", "after",
    ];

    public static string Write(ReportModel model) => Write(model.RunId, model.Bindings);

    public static string Write(long runId, IEnumerable<BindingRowView> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Header).Append("\r\n");
        var run = runId.ToString(CultureInfo.InvariantCulture);
        foreach (var b in rows)
        {
            string[] cells =
            [
                run, b.Account, b.Region, b.Cluster, b.Namespace, b.ServiceAccount, b.RoleArn, b.CategoryName, b.Lifecycle, b.Score.ToString(CultureInfo.InvariantCulture),
                Bool(b.CanaryCandidate), b.CoordinationGroup, b.OwningAddon, b.Pods.ToString(CultureInfo.InvariantCulture), b.Workloads,
                b.ReasonCodes.Replace(' ', ';'), Bool(b.IrsaAnnotated), b.AssociationRoleArn, b.Owners, b.Today, b.After,
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    public static string Cell(string value)
    {
        value = VisibleText.Reveal(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
