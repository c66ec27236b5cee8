using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Migrator.Aws.Configuration;

/// <summary>Checks the <c>Aws</c> section at start-up and reports every problem at once, each with its config path.</summary>
public sealed partial class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var problems = new List<string>();
        const string s = AwsOptions.SectionName;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            var path = $"{s}:Accounts:{i}";
            if (!AccountId().IsMatch(account.Id ?? ""))
            {
                problems.Add($"{path}:Id must be a 12-digit AWS account id, not '{account.Id}'.");
            }
            else if (!seen.Add(account.Id!))
            {
                problems.Add($"{path}:Id '{account.Id}' is listed twice.");
            }

            if (account.RoleArn is not null && !RoleArn().IsMatch(account.RoleArn))
            {
                problems.Add($"{path}:RoleArn must look like arn:aws:iam::123456789012:role/NAME, not '{account.RoleArn}'.");
            }

            if (account.Profile is not null && !ProfileName().IsMatch(account.Profile))
            {
                problems.Add($"{path}:Profile must be the name of an aws CLI profile (letters, digits and - _ . @ + = : /), not '{account.Profile}'.");
            }

            if (account.ExternalId is not null && !ExternalId().IsMatch(account.ExternalId))
            {
                problems.Add($"{path}:ExternalId must be 2 to 1224 characters of letters, digits and + = , . @ : / - (STS), not '{account.ExternalId}'.");
            }

            for (var r = 0; r < account.Regions.Count; r++)
            {
                if (!Region().IsMatch(account.Regions[r] ?? ""))
                {
                    problems.Add($"{path}:Regions:{r} '{account.Regions[r]}' is not a region name such as us-east-1.");
                }
            }
        }

        CheckUrl(problems, $"{s}:Endpoints:Eks", options.Endpoints.Eks);
        CheckUrl(problems, $"{s}:Endpoints:Iam", options.Endpoints.Iam);
        CheckUrl(problems, $"{s}:Endpoints:Sts", options.Endpoints.Sts);
        CheckUrl(problems, $"{s}:Endpoints:CloudTrail", options.Endpoints.CloudTrail);

        if (options.Credentials is { } credentials
            && (string.IsNullOrWhiteSpace(credentials.AccessKeyId) != string.IsNullOrWhiteSpace(credentials.SecretAccessKey)))
        {
            problems.Add($"{s}:Credentials needs both AccessKeyId and SecretAccessKey (or neither, to use the default credential chain).");
        }

        if (!Region().IsMatch(options.DefaultRegion ?? ""))
        {
            problems.Add($"{s}:DefaultRegion '{options.DefaultRegion}' is not a region name such as us-east-1.");
        }

        if (options.RequestsPerSecond.Eks is < 0 or > 10_000 || double.IsNaN(options.RequestsPerSecond.Eks))
            problems.Add($"{s}:RequestsPerSecond:Eks must be from 0 (unpaced) to 10000, not {options.RequestsPerSecond.Eks}.");
        if (options.RequestsPerSecond.Iam is < 0 or > 10_000 || double.IsNaN(options.RequestsPerSecond.Iam))
            problems.Add($"{s}:RequestsPerSecond:Iam must be from 0 (unpaced) to 10000, not {options.RequestsPerSecond.Iam}.");
        if (options.RequestsPerSecond.CloudTrail is <= 0 or > 100 || double.IsNaN(options.RequestsPerSecond.CloudTrail))
            problems.Add($"{s}:RequestsPerSecond:CloudTrail must be more than 0 and at most 100 (LookupEvents allows 2 per second per account and region), not {options.RequestsPerSecond.CloudTrail}.");
        if (options.MaxConcurrencyPerApi is < 1 or > 256)
        {
            problems.Add($"{s}:MaxConcurrencyPerApi must be between 1 and 256, not {options.MaxConcurrencyPerApi}.");
        }

        if (options.Retry.MaxRetries is < 0 or > 20)
        {
            problems.Add($"{s}:Retry:MaxRetries must be between 0 and 20, not {options.Retry.MaxRetries}.");
        }

        if (options.Retry.BaseDelay <= TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.BaseDelay)
        {
            problems.Add($"{s}:Retry:BaseDelay must be positive and not above Retry:MaxDelay.");
        }

        if (options.Retry.AttemptTimeout <= TimeSpan.Zero || options.Retry.TotalTimeout < options.Retry.AttemptTimeout)
        {
            problems.Add($"{s}:Retry:AttemptTimeout must be positive and not above Retry:TotalTimeout.");
        }

        if (options.RoleSessionDuration < TimeSpan.FromMinutes(15) || options.RoleSessionDuration > TimeSpan.FromHours(12))
        {
            problems.Add($"{s}:RoleSessionDuration must be between 00:15:00 and 12:00:00 (STS limits).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckUrl(List<string> problems, string path, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!Uri.TryCreate(value.Replace("{region}", "us-east-1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{path} must be an absolute http(s) URL (may contain {{region}}), not '{value}'.");
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[\\w+=,.@/-]+$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[A-Za-z0-9_.@+=:/-]{1,128}$")]
    private static partial Regex ProfileName();

    /// <summary>STS AssumeRole ExternalId: 2-1224 characters of [\w+=,.@:/-].</summary>
    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalId();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex Region();
}
