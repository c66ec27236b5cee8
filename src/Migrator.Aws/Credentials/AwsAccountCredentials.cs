using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Migrator.Aws.Configuration;
using Migrator.Aws.Http;
using Migrator.Core.Ports;

namespace Migrator.Aws.Credentials;

/// <summary>Who the starting credentials (or an account's assumed role) are, as STS GetCallerIdentity says.</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId);

/// <summary>
/// Credentials per account: the starting credentials (<c>Aws:Credentials</c> or the SDK default chain), or for an
/// account with a <c>RoleArn</c>, AssumeRole into it through AWSSDK.SecurityToken. Assumed credentials are cached per
/// account and renewed twelve minutes before they expire; concurrent callers for one account share one AssumeRole.
/// </summary>
public sealed class AwsAccountCredentials : IDisposable
{
    /// <summary>Longer than an EKS token is reused (10 min), so a token never outlives the credentials that signed it.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(12);

    private readonly AwsOptions _options;
    private readonly AwsEndpoints _endpoints;
    private readonly TimeProvider _time;
    private readonly ILogger<AwsAccountCredentials> _logger;
    private readonly ConcurrentDictionary<string, AmazonSecurityTokenServiceClient> _stsClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ImmutableCredentials Credentials, DateTimeOffset Expires)> _assumed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly Lazy<AWSCredentials> _base;
    private readonly Lock _baseAccountSync = new();
    private Task<CallerIdentity>? _baseAccount;

    public AwsAccountCredentials(IOptions<AwsOptions> options, AwsEndpoints endpoints, TimeProvider time, ILogger<AwsAccountCredentials> logger)
    {
        _options = options.Value;
        _endpoints = endpoints;
        _time = time;
        _logger = logger;
        _base = new Lazy<AWSCredentials>(ResolveBase, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The starting credentials, before any AssumeRole.</summary>
    public Task<ImmutableCredentials> GetBaseAsync() => _base.Value.GetCredentialsAsync();

    /// <summary>
    /// Credentials that act in <paramref name="accountId"/>. With accounts configured, an account not listed is refused,
    /// and the starting credentials serve an account without RoleArn only if STS says they belong to it (checked once):
    /// otherwise a call meant for one account would silently read another account's roles of the same name.
    /// </summary>
    public async Task<ImmutableCredentials> GetAsync(string accountId, CancellationToken ct)
    {
        if (_options.Accounts.Count == 0)
        {
            return await GetBaseAsync();
        }

        var index = _options.Accounts.FindIndex(a => a.Id == accountId);
        if (index < 0)
        {
            throw new AwsApiException("sts", "AssumeRole", 403, "AccessDenied",
                $"Account {accountId} is not configured: add it to {AwsOptions.SectionName}:Accounts with a RoleArn to assume.");
        }

        var account = _options.Accounts[index];
        if (account.RoleArn is null)
        {
            var home = await BaseAccountAsync();
            if (home.Account != accountId)
            {
                throw new AwsApiException("sts", "GetCallerIdentity", 403, "AccessDenied",
                    $"The starting credentials ({home.Arn}) act in account {home.Account}, not {accountId}: set {AwsOptions.SectionName}:Accounts:{index}:RoleArn.");
            }

            return await GetBaseAsync();
        }

        if (TryCached(accountId, out var cached))
        {
            return cached;
        }

        var gate = _gates.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (TryCached(accountId, out cached))
            {
                return cached;
            }

            var region = _endpoints.HomeRegion(accountId);
            var response = await Sts(region).AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = account.RoleArn,
                RoleSessionName = _options.RoleSessionName,
                DurationSeconds = (int)_options.RoleSessionDuration.TotalSeconds,
                ExternalId = account.ExternalId,
            }, ct);
            AwsApiMetrics.Record("sts", "ok");
            var c = response.Credentials;
            var expires = c.Expiration is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc).ToUniversalTime(), TimeSpan.Zero)
                : _time.GetUtcNow() + _options.RoleSessionDuration;
            var credentials = new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
            _assumed[accountId] = (credentials, expires);
            _logger.LogInformation("Assumed {RoleArn} for account {AccountId} until {Expires}", account.RoleArn, accountId, expires);
            return credentials;
        }
        catch (AmazonSecurityTokenServiceException e)
        {
            AwsApiMetrics.Record("sts", StsOutcome(e));
            throw new AwsApiException("sts", "AssumeRole", (int)e.StatusCode, e.ErrorCode ?? "Unknown", e.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>STS GetCallerIdentity with the account's credentials (the starting ones when <paramref name="accountId"/> is null).</summary>
    public async Task<CallerIdentity> GetCallerIdentityAsync(string? accountId, CancellationToken ct)
    {
        var credentials = accountId is null ? await GetBaseAsync() : await GetAsync(accountId, ct);
        var region = accountId is null ? _options.DefaultRegion : _endpoints.HomeRegion(accountId);
        AWSCredentials sdkCredentials = credentials.UseToken
            ? new SessionAWSCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Token)
            : new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey);
        using var client = CreateClient(sdkCredentials, region);
        try
        {
            var response = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);
            AwsApiMetrics.Record("sts", "ok");
            return new CallerIdentity(response.Account, response.Arn, response.UserId);
        }
        catch (AmazonSecurityTokenServiceException e)
        {
            AwsApiMetrics.Record("sts", StsOutcome(e));
            throw new AwsApiException("sts", "GetCallerIdentity", (int)e.StatusCode, e.ErrorCode ?? "Unknown", e.Message);
        }
    }

    /// <summary>Forgets assumed credentials (a new run, or credentials revoked).</summary>
    public void Reset()
    {
        _assumed.Clear();
        lock (_baseAccountSync)
        {
            _baseAccount = null;
        }
    }

    /// <summary>Who the starting credentials are, asked once and shared; a failed answer is asked again next time.</summary>
    private Task<CallerIdentity> BaseAccountAsync()
    {
        lock (_baseAccountSync)
        {
            if (_baseAccount is null || _baseAccount.IsFaulted || _baseAccount.IsCanceled)
            {
                _baseAccount = GetCallerIdentityAsync(null, CancellationToken.None);
            }

            return _baseAccount;
        }
    }

    public void Dispose()
    {
        foreach (var client in _stsClients.Values)
        {
            client.Dispose();
        }

        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    /// <summary>The outcome label of a failed STS call for <see cref="AwsApiMetrics"/>.</summary>
    private static string StsOutcome(AmazonSecurityTokenServiceException e) =>
        AwsErrorReader.IsThrottling(e.ErrorCode ?? "") || (int)e.StatusCode == 429 ? "throttled" : (int)e.StatusCode >= 500 ? "server_error" : "client_error";

    private bool TryCached(string accountId, out ImmutableCredentials credentials)
    {
        if (_assumed.TryGetValue(accountId, out var entry) && entry.Expires - RenewBefore > _time.GetUtcNow())
        {
            credentials = entry.Credentials;
            return true;
        }

        credentials = null!;
        return false;
    }

    private AmazonSecurityTokenServiceClient Sts(string region) => _stsClients.GetOrAdd(region, r => CreateClient(_base.Value, r));

    private AmazonSecurityTokenServiceClient CreateClient(AWSCredentials credentials, string region)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = _endpoints.Sts(region).ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = _options.Retry.MaxRetries,
        };
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    private AWSCredentials ResolveBase()
    {
        if (_options.Credentials is { AccessKeyId: { Length: > 0 } id, SecretAccessKey: { Length: > 0 } secret } configured)
        {
            return string.IsNullOrEmpty(configured.SessionToken)
                ? new BasicAWSCredentials(id, secret)
                : new SessionAWSCredentials(id, secret, configured.SessionToken);
        }

        return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(new AmazonSecurityTokenServiceConfig());
    }
}
