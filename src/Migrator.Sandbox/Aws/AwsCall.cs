using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// One authenticated AWS call: who is calling (account-scoped credentials), in which region, with what body, and the
/// operation it was admitted as.
/// </summary>
internal sealed record AwsCall(AwsCredential Caller, string Region, byte[] Body, SandboxContext Sandbox, SandboxService Service, string Operation)
{
    public DateTimeOffset Now => Sandbox.Time.GetUtcNow();

    /// <summary>Records that this call's mutation took effect (counters' <c>applied</c>; it may close a <see cref="MutationHold"/>).</summary>
    public void Applied() => Sandbox.Counters.RecordApplied(Service, Operation);

    /// <summary>A refusal before the operation runs, in protocol-neutral terms (each API renders it its own way).</summary>
    public sealed record Refusal(int Status, string Code, string Message, TimeSpan? RetryAfter = null);

    /// <summary>
    /// The gate every AWS handler goes through: realism (counted, delayed, maybe throttled or failed), then SigV4 with
    /// a credential scoped to this service. Returns the call or why it is refused.
    /// </summary>
    public static async Task<(AwsCall? Call, Refusal? Refusal)> AdmitAsync(HttpContext http, SandboxContext sandbox, SandboxService service,
        string operation, byte[] body)
    {
        var admission = await sandbox.Realism.AdmitAsync(service, operation, http.RequestAborted);
        switch (admission.Outcome)
        {
            case AdmissionOutcome.Throttle:
                return (null, new Refusal(service == SandboxService.Eks ? 429 : 400, service is SandboxService.Eks or SandboxService.CloudTrail ? "ThrottlingException" : "Throttling",
                    "Rate exceeded", admission.RetryAfter));
            case AdmissionOutcome.TransientError:
                return (null, new Refusal(503, "ServiceUnavailable", "Service is unavailable. Please try again later."));
        }

        var result = SigV4Verifier.Verify(SandboxSigning.PartsOf(http, body), SandboxSigning.LookupIn(sandbox.Credentials, sandbox.Time), sandbox.Time.GetUtcNow());
        if (!result.Valid)
        {
            var status = result.ErrorCode is "IncompleteSignature" or "MissingAuthenticationToken" ? 400 : 403;
            return (null, new Refusal(status, result.ErrorCode!, result.ErrorMessage!));
        }

        var expected = CallCounters.ServiceName(service);
        if (result.Service != expected)
        {
            return (null, new Refusal(403, "SignatureDoesNotMatch", $"Credential should be scoped to correct service: '{expected}'. "));
        }

        sandbox.Credentials.TryGet(result.Identity!.AccessKeyId, out var caller);
        return (new AwsCall(caller, result.Region!, body, sandbox, service, operation), null);
    }

    public static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }
}
