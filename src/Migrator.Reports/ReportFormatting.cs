using System.Globalization;

namespace Migrator.Reports;

/// <summary>How the report prints times and shares: fixed, invariant, UTC, so golden files are stable.</summary>
internal static class ReportFormatting
{
    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? t) => t is null ? "" : Time(t.Value);

    public static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    public static string Issuer(string? issuerUrl) =>
        issuerUrl is null ? "" : issuerUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? issuerUrl[8..].TrimEnd('/') : issuerUrl.TrimEnd('/');

    /// <summary>Account id of an IAM ARN (arn:PARTITION:iam::ACCOUNT:...), or "" when malformed.</summary>
    public static string ArnAccount(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 6 ? parts[4] : "";
    }
}
