using System.Text;
using Migrator.Reports.Model;

namespace Migrator.Reports.Rendering;

/// <summary>The full binding list as RFC 4180 CSV. Cells that a spreadsheet would run as a formula get a leading quote.</summary>
public static class BindingCsv
{
    private static readonly string[] Header =
        ["account", "region", "cluster", "namespace", "service_account", "role_arn", "category", "score", "reasons", "pods", "workloads", "owning_addon", "today", "after", "lifecycle", "owners"];

    public static string Write(ReportModel model)
    {
        var sb = new StringBuilder(model.Bindings.Count * 320);
        sb.AppendJoin(',', Header).Append("\r\n");
        foreach (var b in model.Bindings)
        {
            string[] cells = [b.Account, b.Region, b.Cluster, b.Namespace, b.ServiceAccount, b.RoleArn, b.Category, b.Score.ToString(System.Globalization.CultureInfo.InvariantCulture),
                b.ReasonCodes, b.Pods.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Workloads, b.OwningAddon, b.Today, b.After, b.Lifecycle, b.Owners];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    public static string Cell(string value)
    {
        value = VisibleText.Reveal(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
