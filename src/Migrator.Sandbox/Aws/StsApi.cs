using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// STS over the Query protocol: GetCallerIdentity (also as a presigned GET, which is what EKS tokens are) and
/// AssumeRole into a role whose trust policy allows the caller, giving temporary credentials scoped to the role's account.
/// </summary>
public sealed class StsApi : ISandboxApi
{
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public SandboxService Service => SandboxService.Sts;

    public void Map(IEndpointRouteBuilder routes, SandboxContext context)
    {
        routes.MapMethods("/", ["GET", "POST"], async (HttpContext http) => await (await HandleAsync(http, context)).ExecuteAsync(http));
    }

    private static async Task<IResult> HandleAsync(HttpContext http, SandboxContext sandbox)
    {
        var body = await AwsCall.ReadBodyAsync(http);
        var parameters = QueryProtocol.Parameters(http, body);
        var action = parameters.GetValueOrDefault("Action", "");
        var (call, refusal) = await AwsCall.AdmitAsync(http, sandbox, SandboxService.Sts, action, body);
        if (refusal is not null)
        {
            return QueryProtocol.Error(Ns, refusal.Status, refusal.Code, refusal.Message, refusal.RetryAfter);
        }

        return action switch
        {
            "GetCallerIdentity" => QueryProtocol.Response(Ns, action,
                new XElement(Ns + "Arn", call!.Caller.PrincipalArn),
                new XElement(Ns + "UserId", UserId(call.Caller)),
                new XElement(Ns + "Account", call.Caller.AccountId)),
            "AssumeRole" => AssumeRole(call!, parameters),
            _ => QueryProtocol.Error(Ns, 400, "InvalidAction", $"Could not find operation {action} for version 2011-06-15"),
        };
    }

    private static IResult AssumeRole(AwsCall call, Dictionary<string, string> parameters)
    {
        var roleArn = parameters.GetValueOrDefault("RoleArn", "");
        var sessionName = parameters.GetValueOrDefault("RoleSessionName", "");
        if (!IamArn.TryParseRole(roleArn, out var accountId, out _, out var roleName))
        {
            return QueryProtocol.Error(Ns, 400, "ValidationError", $"{roleArn} is invalid");
        }

        if (sessionName.Length is < 2 or > 64)
        {
            return QueryProtocol.Error(Ns, 400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64");
        }

        var denied = $"User: {call.Caller.PrincipalArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}";
        var (role, partition) = call.Sandbox.State.Read(e => (e.FindAccount(accountId)?.FindRole(roleName), e.FindAccount(accountId)?.Partition ?? "aws"));
        if (role is null || !Trusts(role.TrustPolicy, call.Caller, parameters.GetValueOrDefault("ExternalId")))
        {
            return QueryProtocol.Error(Ns, 403, "AccessDenied", denied);
        }

        var seconds = parameters.TryGetValue("DurationSeconds", out var d) && int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 3600;
        if (seconds < 900 || seconds > role.MaxSessionDuration)
        {
            return QueryProtocol.Error(Ns, 400, "ValidationError",
                $"The requested DurationSeconds exceeds the MaxSessionDuration set for this role ({role.MaxSessionDuration}), or is below 900.");
        }

        var expiration = call.Now.AddSeconds(seconds);
        var assumedArn = $"arn:{partition}:sts::{accountId}:assumed-role/{role.Name}/{sessionName}";
        var credential = call.Sandbox.Credentials.IssueTemporary(accountId, assumedArn, expiration);
        return QueryProtocol.Response(Ns, "AssumeRole",
            new XElement(Ns + "AssumedRoleUser",
                new XElement(Ns + "Arn", assumedArn),
                new XElement(Ns + "AssumedRoleId", $"{role.RoleId}:{sessionName}")),
            new XElement(Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", credential.AccessKeyId),
                new XElement(Ns + "SecretAccessKey", credential.SecretAccessKey),
                new XElement(Ns + "SessionToken", credential.SessionToken),
                new XElement(Ns + "Expiration", QueryProtocol.Timestamp(expiration))),
            new XElement(Ns + "PackedPolicySize", 0));
    }

    /// <summary>
    /// Whether an Allow statement for sts:AssumeRole names the caller: "*", the caller's account (id or root ARN),
    /// or the caller's principal ARN (an assumed-role session matches its role's ARN). An sts:ExternalId condition must match.
    /// </summary>
    internal static bool Trusts(string trustPolicy, AwsCredential caller, string? externalId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(trustPolicy);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var assumed = caller.PrincipalArn.Split(':');
            var partition = assumed.Length > 1 ? assumed[1] : "aws";
            var candidates = new HashSet<string>(StringComparer.Ordinal) { "*", caller.AccountId, $"arn:{partition}:iam::{caller.AccountId}:root", caller.PrincipalArn };
            if (assumed.Length == 6 && assumed[2] == "sts" && assumed[5].StartsWith("assumed-role/", StringComparison.Ordinal))
            {
                candidates.Add($"arn:{assumed[1]}:iam::{assumed[4]}:role/{assumed[5].Split('/')[1]}");
            }

            var statements = document.RootElement.TryGetProperty("Statement", out var st) ? st : default;
            var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList()
                : statements.ValueKind == JsonValueKind.Object ? [statements] : [];
            return list.Any(s => Text(s, "Effect") == "Allow"
                && Strings(s, "Action").Any(a => a is "sts:AssumeRole" or "sts:*" or "*")
                && Principals(s).Any(candidates.Contains)
                && ExternalIdMatches(s, externalId));
        }
    }

    private static bool ExternalIdMatches(JsonElement statement, string? externalId)
    {
        if (!statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        foreach (var op in condition.EnumerateObject())
        {
            foreach (var key in op.Value.EnumerateObject().Where(k => string.Equals(k.Name, "sts:ExternalId", StringComparison.OrdinalIgnoreCase)))
            {
                var values = key.Value.ValueKind == JsonValueKind.Array ? key.Value.EnumerateArray().Select(v => v.GetString()) : [key.Value.GetString()];
                if (externalId is null || !values.Contains(externalId))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IEnumerable<string> Principals(JsonElement statement)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return [];
        }

        if (principal.ValueKind == JsonValueKind.String)
        {
            return [principal.GetString()!];
        }

        return principal.ValueKind == JsonValueKind.Object ? Strings(principal, "AWS") : [];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => [v.GetString()!],
            JsonValueKind.Array => v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList(),
            _ => [],
        };
    }

    /// <summary>AIDA... for users, AROA...:session for assumed roles, stable per principal.</summary>
    private static string UserId(AwsCredential caller)
    {
        var parts = caller.PrincipalArn.Split(':');
        if (parts.Length == 6 && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var segments = parts[5].Split('/');
            return "AROA" + StableId.FromAlphabet($"role/{caller.AccountId}/{segments[1]}", 17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") + ":" + segments[^1];
        }

        return "AIDA" + StableId.FromAlphabet("user/" + caller.PrincipalArn, 17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    }
}
