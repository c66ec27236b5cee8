using Migrator.Aws.Credentials;
using Migrator.Aws.Signing;

namespace Migrator.Aws.Http;

/// <summary>
/// Signs each attempt with SigV4 for the account in the request's <see cref="AwsSigningScope"/>. It sits inside the
/// resilience handler, so a retried attempt is signed again with a fresh date.
/// </summary>
public sealed class AwsSigningHandler(AwsAccountCredentials credentials, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AwsSigningScope.Key, out var scope))
        {
            throw new InvalidOperationException($"Request {request.Method} {request.RequestUri} has no AWS signing scope.");
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var account = await credentials.GetAsync(scope.AccountId, cancellationToken);
        AwsRequestSigner.Sign(request, body, account, scope.Region, scope.Service, time.GetUtcNow());
        return await base.SendAsync(request, cancellationToken);
    }
}
