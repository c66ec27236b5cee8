using System.Globalization;
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
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, runId, rows);
        return writer.ToString();
    }

    /// <summary>Writes the rows as they are enumerated: a report's CSV is written from the state file a row at a time.</summary>
    public static void Write(TextWriter writer, long runId, IEnumerable<BindingRowView> rows)
    {
        writer.Write(string.Join(',', Header));
        writer.Write("\r\n");
        var run = runId.ToString(CultureInfo.InvariantCulture);
        foreach (var b in rows)
        {
            string[] cells =
            [
                run, b.Account, b.Region, b.Cluster, b.Namespace, b.ServiceAccount, b.RoleArn, b.CategoryName, b.Lifecycle, b.Score.ToString(CultureInfo.InvariantCulture),
                Bool(b.CanaryCandidate), b.CoordinationGroup, b.OwningAddon, b.Pods.ToString(CultureInfo.InvariantCulture), b.Workloads,
                b.ReasonCodes.Replace(' ', ';'), Bool(b.IrsaAnnotated), b.AssociationRoleArn, b.Owners, b.Today, b.After,
            ];
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) writer.Write(',');
                writer.Write(Cell(cells[i]));
            }
            writer.Write("\r\n");
        }
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
