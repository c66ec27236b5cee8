using System.Globalization;
using System.Text.Json;
using Migrator.Core.Planning;

namespace Migrator.Core.Evidence;

/// <summary>
/// Reads the credential uses out of CloudTrail records (the <c>CloudTrailEvent</c> JSON string of LookupEvents).
/// Tolerant: every field is optional and unknown fields are ignored, because only part of these record shapes is
/// documented (docs/aws.md "CloudTrail record shapes").
/// <list type="bullet">
/// <item>AssumeRoleWithWebIdentity (sts.amazonaws.com): userIdentity.type WebIdentityUser, userIdentity.userName
/// <c>system:serviceaccount:NS:SA</c> (else responseElements.subjectFromWebIdentityToken), userIdentity.identityProvider
/// (the OIDC provider ARN or issuer; else responseElements.provider), requestParameters.roleArn.</item>
/// <item>AssumeRoleForPodIdentity (eks-auth.amazonaws.com): requestParameters.clusterName, responseElements.subject
/// {namespace, serviceAccount}, responseElements.podIdentityAssociation.associationArn and
/// responseElements.assumedRoleUser.arn (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), the response shape of the EKS
/// Auth API reference; whether CloudTrail keeps all of responseElements is unverified.</item>
/// </list>
/// A failed call (errorCode set) is not a use and reads as null.
/// </summary>
public static class CloudTrailRecord
{
    public static CredentialUse? Parse(string json, string region)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "errorCode") is not null)
                return null;
            var eventName = Text(root, "eventName");
            var source = Text(root, "eventSource");
            var kind = eventName == CredentialUseEvents.WebIdentityEventName ? CredentialUseKind.WebIdentity
                : eventName == CredentialUseEvents.PodIdentityEventName || source == CredentialUseEvents.PodIdentityEventSource ? CredentialUseKind.PodIdentity
                : (CredentialUseKind?)null;
            if (kind is null || !DateTimeOffset.TryParse(Text(root, "eventTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                return null;
            var use = new CredentialUse
            {
                Kind = kind.Value,
                EventId = Text(root, "eventID") ?? "",
                Time = time,
                Region = Text(root, "awsRegion") ?? region,
                SourceIp = Text(root, "sourceIPAddress"),
                UserAgent = Text(root, "userAgent"),
            };
            return kind == CredentialUseKind.WebIdentity ? WebIdentity(root, use) : PodIdentity(root, use);
        }
    }

    private static CredentialUse WebIdentity(JsonElement root, CredentialUse use)
    {
        var identity = Child(root, "userIdentity");
        var response = Child(root, "responseElements");
        var subject = Text(identity, "userName") ?? Text(response, "subjectFromWebIdentityToken");
        var provider = Text(identity, "identityProvider") ?? Text(response, "provider");
        var roleArn = Text(Child(root, "requestParameters"), "roleArn");
        var (ns, sa) = ServiceAccountSubject(subject);
        return use with
        {
            RoleArn = roleArn,
            RoleAccountId = roleArn is null ? null : RoleArns.AccountOf(roleArn),
            RoleName = roleArn is null ? null : RoleArns.NameOf(roleArn),
            Namespace = ns,
            ServiceAccount = sa,
            Issuer = provider is null ? null : IssuerOf(provider),
        };
    }

    private static CredentialUse PodIdentity(JsonElement root, CredentialUse use)
    {
        var response = Child(root, "responseElements");
        var subject = Child(response, "subject");
        var association = Text(Child(response, "podIdentityAssociation"), "associationArn");
        var assumed = Text(Child(response, "assumedRoleUser"), "arn");
        var cluster = Text(Child(root, "requestParameters"), "clusterName") ?? ClusterOfAssociation(association);
        var (account, role) = AssumedRole(assumed);
        return use with
        {
            RoleAccountId = account,
            RoleName = role,
            Namespace = Text(subject, "namespace"),
            ServiceAccount = Text(subject, "serviceAccount"),
            ClusterName = cluster,
            AssociationArn = association,
        };
    }

    /// <summary>system:serviceaccount:NS:SA → (NS, SA); anything else → nulls.</summary>
    public static (string? Namespace, string? ServiceAccount) ServiceAccountSubject(string? subject)
    {
        const string prefix = "system:serviceaccount:";
        if (subject is null || !subject.StartsWith(prefix, StringComparison.Ordinal))
            return (null, null);
        var parts = subject[prefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : (null, null);
    }

    /// <summary>An identity provider as host/path: from arn:P:iam::ACCOUNT:oidc-provider/HOST/PATH or https://HOST/PATH.</summary>
    public static string IssuerOf(string provider) =>
        Trust.Issuer.FromProviderArn(provider)?.Issuer ?? Trust.Issuer.Normalize(provider);

    // arn:aws:eks:REGION:ACCOUNT:podidentityassociation/CLUSTER/a-ID
    private static string? ClusterOfAssociation(string? arn)
    {
        var resource = arn?.Split(':') is { Length: >= 6 } parts ? parts[5] : null;
        var segments = resource?.Split('/');
        return segments is { Length: 3 } && segments[0] == "podidentityassociation" ? segments[1] : null;
    }

    // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
    private static (string? Account, string? Role) AssumedRole(string? arn)
    {
        var parts = arn?.Split(':');
        if (parts is not { Length: >= 6 }) return (null, null);
        var segments = parts[5].Split('/');
        return segments.Length >= 2 && segments[0] == "assumed-role" ? (parts[4], segments[1]) : (parts[4], null);
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
