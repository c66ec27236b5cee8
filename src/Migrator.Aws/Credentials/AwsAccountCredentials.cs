using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
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
/// Credentials per account, as the aws CLI finds them: the starting credentials (<c>Aws:Credentials</c> or the SDK
/// default chain), or the account's named <c>Profile</c> (~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE and
/// AWS_SHARED_CREDENTIALS_FILE: keys, role_arn/source_profile, credential_process, SSO), and for an account with a
/// <c>RoleArn</c>, AssumeRole into it (with its <c>ExternalId</c>) from those through AWSSDK.SecurityToken. Assumed
/// credentials are cached per account and renewed twelve minutes before they expire; concurrent callers for one
/// account share one AssumeRole.
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
    private readonly ConcurrentDictionary<string, AWSCredentials> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<CallerIdentity>>> _profileAccounts = new(StringComparer.Ordinal);

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
                $"Account {accountId} is not configured: add it to {AwsOptions.SectionName}:Accounts with a RoleArn to assume or a Profile (a named profile of the aws CLI) to use.");
        }

        var account = _options.Accounts[index];
        var path = $"{AwsOptions.SectionName}:Accounts:{index}";
        if (account.RoleArn is null)
        {
            if (account.Profile is { } profile)
            {
                var identity = await ProfileAccountAsync(profile, path);
                if (identity.Account != accountId)
                {
                    throw new AwsApiException("sts", "GetCallerIdentity", 403, "AccessDenied",
                        $"Profile '{profile}' ({path}:Profile) acts in account {identity.Account} ({identity.Arn}), not {accountId}: name a profile of account {accountId}, or set {path}:RoleArn to assume a role of {accountId} with the profile's credentials.");
                }

                return await Profile(profile, path).GetCredentialsAsync();
            }

            var home = await BaseAccountAsync();
            if (home.Account != accountId)
            {
                throw new AwsApiException("sts", "GetCallerIdentity", 403, "AccessDenied",
                    $"The starting credentials ({home.Arn}) act in account {home.Account}, not {accountId}: set {path}:RoleArn (a role of {accountId} to assume) or {path}:Profile (a named profile of the aws CLI whose credentials act in {accountId}).");
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
            var response = await Sts(region, account.Profile, path).AssumeRoleAsync(new AssumeRoleRequest
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
            _logger.LogInformation("Assumed {RoleArn} for account {AccountId} until {Expires}{Source}", account.RoleArn, accountId, expires,
                account.Profile is null ? "" : $" (from profile {account.Profile})");
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
        return await CallerIdentityOfAsync(sdkCredentials, region, ct);
    }

    private async Task<CallerIdentity> CallerIdentityOfAsync(AWSCredentials credentials, string region, CancellationToken ct)
    {
        using var client = CreateClient(credentials, region);
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

    /// <summary>
    /// The credentials of a named profile, found as the aws CLI finds them; resolved once (the SDK refreshes what
    /// expires: assumed roles, SSO, credential_process). An unknown profile is an error naming the files searched.
    /// </summary>
    private AWSCredentials Profile(string name, string path) => _profiles.GetOrAdd(name, n =>
    {
        // The credentials file named explicitly: AWSSDK.Core keeps the first default path it computed for the process.
        var chain = new CredentialProfileStoreChain(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"));
        if (chain.TryGetAWSCredentials(n, out var credentials))
            return credentials;
        throw new AwsApiException("sts", "Profile", 400, "ProfileNotFound",
            $"{path}:Profile '{n}' is not a profile of {ProfileFiles()}: create it (aws configure --profile {n}, or aws configure sso) or correct the name.");
    });

    private static string ProfileFiles()
    {
        var config = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? "~/.aws/config";
        var credentials = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials";
        return $"{config} or {credentials}";
    }

    /// <summary>Who a profile's credentials are, asked once per profile; a failed answer is asked again next time.</summary>
    private async Task<CallerIdentity> ProfileAccountAsync(string profile, string path)
    {
        var credentials = Profile(profile, path);
        var lazy = _profileAccounts.GetOrAdd(profile, _ => new Lazy<Task<CallerIdentity>>(() => CallerIdentityOfAsync(credentials, _options.DefaultRegion, CancellationToken.None)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _profileAccounts.TryRemove(new KeyValuePair<string, Lazy<Task<CallerIdentity>>>(profile, lazy));
            throw;
        }
    }

    /// <summary>Forgets assumed credentials (a new run, or credentials revoked).</summary>
    public void Reset()
    {
        _assumed.Clear();
        _profileAccounts.Clear();
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

    /// <summary>The STS client that assumes roles in <paramref name="region"/> with the starting credentials or a profile's.</summary>
    private AmazonSecurityTokenServiceClient Sts(string region, string? profile, string path) =>
        _stsClients.GetOrAdd(profile is null ? region : $"{region}|{profile}", _ => CreateClient(profile is null ? _base.Value : Profile(profile, path), region));

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
