using Microsoft.Extensions.Options;

namespace Migrator.Reports;

/// <summary>Reports every problem with the Reports section at once, each with its configuration path.</summary>
public sealed class ReportSettingsValidator : IValidateOptions<ReportSettings>
{
    public ValidateOptionsResult Validate(string? name, ReportSettings options)
    {
        var failures = new List<string>();
        if (options.TopN < 1)
            failures.Add($"Reports:TopN is {options.TopN}: set at least 1 row per list (the CSV always has every binding).");
        if (options.OidcProviderQuota < 1)
            failures.Add($"Reports:OidcProviderQuota is {options.OidcProviderQuota}: set the account's IAM OIDC-provider quota (default 100).");
        if (options.TrustPolicySizeLimit is < 2048 or > 8192)
            failures.Add($"Reports:TrustPolicySizeLimit is {options.TrustPolicySizeLimit}: IAM allows 2048 by default, raisable (4096 documented); use 2048..8192.");
        if (options.MaxTrustDiffs < 0)
            failures.Add($"Reports:MaxTrustDiffs is {options.MaxTrustDiffs}: use 0 (none) or more.");
        if (options.TrendRuns < 1)
            failures.Add($"Reports:TrendRuns is {options.TrendRuns}: show at least the current run.");
        if (string.IsNullOrWhiteSpace(options.TemplatesPath))
            failures.Add("Reports:TemplatesPath is empty: point it at the folder holding report.html.sbn and report.md.sbn.");
        if (string.IsNullOrWhiteSpace(options.OutputPath))
            failures.Add("Reports:OutputPath is empty: name the folder reports are written to (default 'reports').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
