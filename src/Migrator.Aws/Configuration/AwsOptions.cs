namespace Migrator.Aws.Configuration;

/// <summary>Configuration section <c>Aws</c>: which accounts to act in, how to reach the APIs, and how hard to push them.</summary>
public sealed class AwsOptions
{
    public const string SectionName = "Aws";

    /// <summary>Accounts to inventory and migrate; each may name a role to assume into it.</summary>
    public List<AwsAccountOptions> Accounts { get; set; } = [];

    /// <summary>Endpoint overrides (the sandbox, VPC endpoints). Empty means the public AWS endpoints.</summary>
    public AwsEndpointOptions Endpoints { get; set; } = new();

    /// <summary>Static starting credentials; when absent the AWS SDK default chain is used (env, profile, IMDS...).</summary>
    public AwsCredentialOptions? Credentials { get; set; }

    /// <summary>Region used for STS and for signing global calls when an account lists no region.</summary>
    public string DefaultRegion { get; set; } = "us-east-1";

    /// <summary>
    /// Concurrent in-flight requests per API (EKS, IAM); further calls wait their turn. The rate, not this, should bound
    /// an API's throughput: in flight = rate × round trip (Little's law), so at 100 calls/s and ~100 ms round trips on a
    /// busy 2-core machine 8 capped EKS at ~80 calls/s (estate benchmark, small size); 16 leaves the rate in charge.
    /// </summary>
    public int MaxConcurrencyPerApi { get; set; } = 16;

    public AwsRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Client-side pacing per API, requests per second (0 = unpaced). Set it to the account's API rate limit so the
    /// tool stays under it instead of being throttled into retries.
    /// </summary>
    public AwsRequestRateOptions RequestsPerSecond { get; set; } = new();

    /// <summary>RoleSessionName for AssumeRole (visible in CloudTrail).</summary>
    public string RoleSessionName { get; set; } = "migrator";

    /// <summary>Lifetime asked for assumed-role credentials.</summary>
    public TimeSpan RoleSessionDuration { get; set; } = TimeSpan.FromHours(1);
}

public sealed class AwsAccountOptions
{
    /// <summary>12-digit account id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Role to assume into the account; without it the profile's (or the starting) credentials are used as they are.</summary>
    public string? RoleArn { get; set; }

    /// <summary>
    /// A named profile of the aws CLI (~/.aws/config, ~/.aws/credentials; AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE):
    /// keys, role_arn with source_profile, credential_process or SSO. Used in the account as it is, or with RoleArn as
    /// the credentials that assume it. Without it, the starting credentials (Aws:Credentials or the default chain).
    /// </summary>
    public string? Profile { get; set; }

    /// <summary>Optional sts:ExternalId for the AssumeRole.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Regions to look for EKS clusters in.</summary>
    public List<string> Regions { get; set; } = [];
}

public sealed class AwsEndpointOptions
{
    /// <summary>EKS base URL; may contain <c>{region}</c>.</summary>
    public string? Eks { get; set; }

    /// <summary>IAM base URL (IAM is global per partition).</summary>
    public string? Iam { get; set; }

    /// <summary>STS base URL; may contain <c>{region}</c>.</summary>
    public string? Sts { get; set; }

    /// <summary>CloudTrail base URL; may contain <c>{region}</c>.</summary>
    public string? CloudTrail { get; set; }
}

public sealed class AwsCredentialOptions
{
    public string? AccessKeyId { get; set; }
    public string? SecretAccessKey { get; set; }
    public string? SessionToken { get; set; }
}

/// <summary>Retry policy for throttling (400 Throttling/ThrottlingException, 429), 5xx and timeouts.</summary>
public sealed class AwsRetryOptions
{
    public int MaxRetries { get; set; } = 6;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);
}

/// <summary>Requests per second each API is paced to; 0 leaves it unpaced (retries still handle throttling).</summary>
public sealed class AwsRequestRateOptions
{
    public double Eks { get; set; }
    public double Iam { get; set; }

    /// <summary>
    /// CloudTrail LookupEvents, per account and region (its documented limit is 2 requests per second per account and
    /// region; exceeding it answers ThrottlingException). Paced per account and region, never unpaced: 0 is refused.
    /// </summary>
    public double CloudTrail { get; set; } = 2;
}
