namespace Migrator.Reports;

public enum ReportFormat
{
    Html,
    Markdown,
    Json,
    Csv,
}

public static class ReportFormats
{
    public static readonly IReadOnlyList<ReportFormat> All = [ReportFormat.Html, ReportFormat.Markdown, ReportFormat.Json, ReportFormat.Csv];

    /// <summary>html, md (or markdown), json, csv; null when the word is none of them.</summary>
    public static ReportFormat? Parse(string word) => word.Trim().ToLowerInvariant() switch
    {
        "html" => ReportFormat.Html,
        "md" or "markdown" => ReportFormat.Markdown,
        "json" => ReportFormat.Json,
        "csv" => ReportFormat.Csv,
        _ => null,
    };

    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Html => "html",
        ReportFormat.Markdown => "md",
        ReportFormat.Json => "json",
        _ => "csv",
    };
}
