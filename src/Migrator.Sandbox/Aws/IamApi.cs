using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Migrator.Core.Trust;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// IAM over the Query protocol (global endpoint, Version 2010-05-08). Every action works in the caller's account, as
/// in real IAM; naming another account's resource by ARN is AccessDenied. Trust policies are URL-encoded on the wire
/// and validated on update by the trust engine's parser (MalformedPolicyDocument) and size rule (LimitExceeded).
/// </summary>
public sealed class IamApi : ISandboxApi
{
    private static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";
    private readonly AuthorizationDetailsPacing _detailsPacing = new();
    private readonly RoleLastUsedCache _lastUsed = new();

    public SandboxService Service => SandboxService.Iam;

    public void Map(IEndpointRouteBuilder routes, SandboxContext context)
    {
        routes.MapMethods("/", ["GET", "POST"], async (HttpContext http) => await (await HandleAsync(http, context, _detailsPacing, _lastUsed)).ExecuteAsync(http));
    }

    private static async Task<IResult> HandleAsync(HttpContext http, SandboxContext sandbox, AuthorizationDetailsPacing detailsPacing, RoleLastUsedCache lastUsed)
    {
        var body = await AwsCall.ReadBodyAsync(http);
        var p = QueryProtocol.Parameters(http, body);
        var action = p.GetValueOrDefault("Action", "");
        var (call, refusal) = await AwsCall.AdmitAsync(http, sandbox, SandboxService.Iam, action, body);
        if (refusal is not null)
        {
            return QueryProtocol.Error(Ns, refusal.Status, refusal.Code, refusal.Message, refusal.RetryAfter);
        }

        return action switch
        {
            "GetRole" when Unavailable(call!, p) is { } roleArn => QueryProtocol.Error(Ns, 503, "ServiceUnavailable",
                $"Service is unavailable: GetRole of {roleArn} (sandbox realism GetRoleUnavailable)."),
            "GetRole" => WithRole(call!, p, (account, role) =>
            {
                var element = RoleElement(account, role, withTags: true);
                element.Add(RoleLastUsedElement(lastUsed.Of(sandbox, account.RoleArn(role), call!.Now)));
                return QueryProtocol.Response(Ns, action, element);
            }),
            "ListRoles" => ListRoles(call!, p),
            "GetAccountAuthorizationDetails" => AuthorizationDetails(call!, p, detailsPacing, lastUsed),
            "UpdateAssumeRolePolicy" => UpdateAssumeRolePolicy(call!, p),
            "ListAttachedRolePolicies" => WithRole(call!, p, (account, role) =>
            {
                var (page, marker) = QueryProtocol.Page(role.AttachedPolicies, p);
                return QueryProtocol.Response(Ns, action, Paged(marker,
                    new XElement(Ns + "AttachedPolicies", page.Select(name => Member(
                        new XElement(Ns + "PolicyName", name),
                        new XElement(Ns + "PolicyArn", PolicyArn(account, name)))))));
            }),
            "ListRoleTags" => WithRole(call!, p, (_, role) =>
            {
                var (page, marker) = QueryProtocol.Page(role.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToList(), p);
                return QueryProtocol.Response(Ns, action, Paged(marker, new XElement(Ns + "Tags", page.Select(Tag))));
            }),
            "ListOpenIDConnectProviders" => call!.Sandbox.State.Read(e =>
            {
                var account = e.FindAccount(call.Caller.AccountId);
                return QueryProtocol.Response(Ns, action, new XElement(Ns + "OpenIDConnectProviderList",
                    (account?.OidcProviders ?? []).Select(o => Member(new XElement(Ns + "Arn", account!.OidcProviderArn(o))))));
            }),
            "GetOpenIDConnectProvider" => GetOpenIdConnectProvider(call!, p),
            _ => QueryProtocol.Error(Ns, 400, "InvalidAction", $"Could not find operation {action} for version 2010-05-08"),
        };
    }

    /// <summary>The ARN of the role GetRole asks for when the realism makes its GetRole unavailable (by name or ARN); else null.</summary>
    private static string? Unavailable(AwsCall call, Dictionary<string, string> p)
    {
        var unavailable = call.Sandbox.Realism.Options.GetRoleUnavailable;
        if (unavailable.Count == 0)
        {
            return null;
        }

        var name = p.GetValueOrDefault("RoleName", "");
        return call.Sandbox.State.Read(e =>
        {
            var account = e.FindAccount(call.Caller.AccountId);
            var role = account?.FindRole(name);
            var arn = role is null ? null : account!.RoleArn(role);
            return unavailable.Any(u => string.Equals(u, name, StringComparison.Ordinal) || (arn is not null && string.Equals(u, arn, StringComparison.Ordinal))) ? arn ?? name : null;
        });
    }

    private static IResult WithRole(AwsCall call, Dictionary<string, string> p, Func<Account, IamRole, IResult> answer)
    {
        var name = p.GetValueOrDefault("RoleName", "");
        if (name.Length == 0)
        {
            return QueryProtocol.Error(Ns, 400, "ValidationError", "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
        }

        return call.Sandbox.State.Read(e =>
        {
            var account = e.FindAccount(call.Caller.AccountId);
            var role = account?.FindRole(name);
            return role is null
                ? QueryProtocol.Error(Ns, 404, "NoSuchEntity", $"The role with name {name} cannot be found.")
                : answer(account!, role);
        });
    }

    private static IResult ListRoles(AwsCall call, Dictionary<string, string> p)
    {
        var prefix = p.GetValueOrDefault("PathPrefix", "/");
        return call.Sandbox.State.Read(e =>
        {
            var account = e.FindAccount(call.Caller.AccountId);
            var roles = (account?.Roles ?? []).Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var (page, marker) = QueryProtocol.Page(roles, p);
            // ListRoles leaves tags out, as IAM does (GetRole or ListRoleTags give them).
            return QueryProtocol.Response(Ns, "ListRoles", Paged(marker, new XElement(Ns + "Roles", page.Select(r => Member(RoleElement(account!, r, withTags: false).Elements())))));
        });
    }

    /// <summary>
    /// GetAccountAuthorizationDetails: with Filter=Role (or no filter) the RoleDetailList of the caller's account, each
    /// role with its trust policy (URL-encoded), tags, RoleLastUsed and attached managed policies; users, groups and
    /// policies are empty lists (the sandbox has none). MaxItems 1..1000 (default 100), Marker paging, its own per-account
    /// rate (<see cref="RealismOptions.AuthorizationDetailsPerSecond"/>), AccessDenied when the realism denies it.
    /// </summary>
    private static IResult AuthorizationDetails(AwsCall call, Dictionary<string, string> p, AuthorizationDetailsPacing pacing, RoleLastUsedCache lastUsed)
    {
        var options = call.Sandbox.Realism.Options;
        if (options.DenyAuthorizationDetails)
        {
            return QueryProtocol.Error(Ns, 403, "AccessDenied",
                $"User: {call.Caller.PrincipalArn} is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: *");
        }

        if (p.TryGetValue("MaxItems", out var maxText) && (!int.TryParse(maxText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) || max is < 1 or > 1000))
        {
            return QueryProtocol.Error(Ns, 400, "ValidationError",
                $"1 validation error detected: Value '{maxText}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }

        var filters = p.Where(kv => kv.Key.StartsWith("Filter.member.", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
        var unknown = filters.FirstOrDefault(f => f is not ("User" or "Role" or "Group" or "LocalManagedPolicy" or "AWSManagedPolicy"));
        if (unknown is not null)
        {
            return QueryProtocol.Error(Ns, 400, "ValidationError",
                $"1 validation error detected: Value '[{unknown}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [User, Role, LocalManagedPolicy, Group, AWSManagedPolicy]]");
        }

        if (!pacing.TryTake(call.Caller.AccountId, options.AuthorizationDetailsPerSecond, call.Sandbox.Time, out var wait))
        {
            call.Sandbox.Counters.RecordThrottle(SandboxService.Iam, "GetAccountAuthorizationDetails");
            return QueryProtocol.Error(Ns, 400, "Throttling", "Rate exceeded", wait);
        }

        var withRoles = filters.Count == 0 || filters.Contains("Role");
        var roles = call.Sandbox.State.Read(e => (e.FindAccount(call.Caller.AccountId)?.Roles ?? [])
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => (Account: e.FindAccount(call.Caller.AccountId)!, Role: r))
            .ToList());
        var (page, marker) = QueryProtocol.Page(withRoles ? roles : [], p);
        // RoleLastUsed of the whole page from one pass over the pods (per role it would be roles × pods per page).
        var lastUses = lastUsed.All(call.Sandbox, call.Now);
        var details = page.Select(x =>
        {
            var element = RoleElement(x.Account, x.Role, withTags: true);
            element.Element(Ns + "MaxSessionDuration")?.Remove();
            element.Element(Ns + "Description")?.Remove();
            element.Add(new XElement(Ns + "InstanceProfileList"), new XElement(Ns + "RolePolicyList"),
                new XElement(Ns + "AttachedManagedPolicies", x.Role.AttachedPolicies.Select(name => Member(
                    new XElement(Ns + "PolicyName", name), new XElement(Ns + "PolicyArn", PolicyArn(x.Account, name))))));
            element.Add(RoleLastUsedElement(lastUses.TryGetValue((x.Account.Id, x.Role.Name), out var used) ? used : null));
            return Member(element.Elements());
        });
        return QueryProtocol.Response(Ns, "GetAccountAuthorizationDetails", Paged(marker,
            new XElement(Ns + "UserDetailList"), new XElement(Ns + "GroupDetailList"), new XElement(Ns + "RoleDetailList", details), new XElement(Ns + "Policies")));
    }

    private static IResult UpdateAssumeRolePolicy(AwsCall call, Dictionary<string, string> p)
    {
        var document = p.GetValueOrDefault("PolicyDocument", "");
        var parsed = TrustPolicyParser.Parse(document);
        if (!parsed.Success)
        {
            var first = parsed.Errors.Count > 0 ? parsed.Errors[0] : null;
            return QueryProtocol.Error(Ns, 400, "MalformedPolicyDocument", first is null ? "Syntax errors in policy." : first.Message);
        }

        var limit = call.Sandbox.Realism.Options.TrustPolicySizeLimit;
        if (TrustPolicySize.Count(document) > limit)
        {
            return QueryProtocol.Error(Ns, 409, "LimitExceeded", $"Cannot exceed quota for ACLSizePerRole: {limit}");
        }

        return call.Sandbox.State.Write(e =>
        {
            var name = p.GetValueOrDefault("RoleName", "");
            var role = e.FindAccount(call.Caller.AccountId)?.FindRole(name);
            if (role is null)
            {
                return QueryProtocol.Error(Ns, 404, "NoSuchEntity", $"The role with name {name} cannot be found.");
            }

            role.TrustPolicy = document;
            call.Applied();
            return QueryProtocol.Response(Ns, "UpdateAssumeRolePolicy");
        });
    }

    private static IResult GetOpenIdConnectProvider(AwsCall call, Dictionary<string, string> p)
    {
        var arn = p.GetValueOrDefault("OpenIDConnectProviderArn", "");
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "iam" || !parts[5].StartsWith("oidc-provider/", StringComparison.Ordinal))
        {
            return QueryProtocol.Error(Ns, 400, "InvalidInput", $"ARN {arn} is not valid.");
        }

        if (parts[4] != call.Caller.AccountId)
        {
            return QueryProtocol.Error(Ns, 403, "AccessDenied",
                $"User: {call.Caller.PrincipalArn} is not authorized to perform: iam:GetOpenIDConnectProvider on resource: {arn}");
        }

        return call.Sandbox.State.Read(e =>
        {
            var account = e.FindAccount(call.Caller.AccountId);
            var provider = account?.OidcProviders.Find(o => account.OidcProviderArn(o) == arn);
            if (provider is null)
            {
                return QueryProtocol.Error(Ns, 404, "NoSuchEntity", $"OpenIDConnect Provider not found for arn {arn}");
            }

            return QueryProtocol.Response(Ns, "GetOpenIDConnectProvider",
                new XElement(Ns + "ThumbprintList", provider.Thumbprints.Select(t => new XElement(Ns + "member", t))),
                new XElement(Ns + "CreateDate", QueryProtocol.Timestamp(provider.CreateDate)),
                new XElement(Ns + "ClientIDList", provider.ClientIds.Select(c => new XElement(Ns + "member", c))),
                new XElement(Ns + "Url", OidcProvider.NormalizeUrl(provider.Url)),
                new XElement(Ns + "Tags", provider.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(Tag)));
        });
    }

    private static XElement RoleElement(Account account, IamRole role, bool withTags)
    {
        var element = new XElement(Ns + "Role",
            new XElement(Ns + "Path", role.Path),
            new XElement(Ns + "Arn", account.RoleArn(role)),
            new XElement(Ns + "RoleName", role.Name),
            new XElement(Ns + "AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicy)),
            new XElement(Ns + "CreateDate", QueryProtocol.Timestamp(role.CreateDate)),
            new XElement(Ns + "RoleId", role.RoleId ?? ""),
            new XElement(Ns + "MaxSessionDuration", role.MaxSessionDuration));
        if (role.Description is not null)
        {
            element.Add(new XElement(Ns + "Description", role.Description));
        }

        if (withTags && role.Tags.Count > 0)
        {
            element.Add(new XElement(Ns + "Tags", role.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(Tag)));
        }

        return element;
    }

    /// <summary>GetRole's RoleLastUsed: when a pod last obtained credentials for the role (CredentialUsage), empty when never.</summary>
    private static XElement RoleLastUsedElement((DateTimeOffset Time, string Region)? last)
    {
        return last is { } used
            ? new XElement(Ns + "RoleLastUsed", new XElement(Ns + "LastUsedDate", QueryProtocol.Timestamp(CredentialUsage.Truncate(used.Time))), new XElement(Ns + "Region", used.Region))
            : new XElement(Ns + "RoleLastUsed");
    }

    /// <summary>AWS-managed policies live under the aws account; the others are the customer's.</summary>
    private static string PolicyArn(Account account, string name) =>
        name.StartsWith("Amazon", StringComparison.Ordinal) || name.StartsWith("AWS", StringComparison.Ordinal) || name is "AdministratorAccess" or "ReadOnlyAccess" or "PowerUserAccess"
            ? $"arn:{account.Partition}:iam::aws:policy/{name}"
            : $"arn:{account.Partition}:iam::{account.Id}:policy/{name}";

    private static XElement Tag(KeyValuePair<string, string> tag) => Member(new XElement(Ns + "Key", tag.Key), new XElement(Ns + "Value", tag.Value));

    private static XElement Member(params object[] content) => new(Ns + "member", content);

    private static object[] Paged(string? marker, params XElement[] lists) => marker is null
        ? [new XElement(Ns + "IsTruncated", "false"), .. lists]
        : [new XElement(Ns + "IsTruncated", "true"), new XElement(Ns + "Marker", marker), .. lists];
}
