using System.Text.Json;
using System.Text.Json.Nodes;

namespace Migrator.Sandbox;

/// <summary>How a tool wrote a trust policy: the same grant looks different from eksctl, terraform or the console.</summary>
public enum TrustStyle
{
    /// <summary>eksctl: Action as an array, aud before sub, compact.</summary>
    Eksctl,
    /// <summary>terraform aws_iam_policy_document: empty Sid, Action as a string, several subjects as one array, compact.</summary>
    Terraform,
    /// <summary>The IAM console: indented JSON.</summary>
    Console,
}

/// <summary>Writes realistic trust policy documents (IRSA, GitHub Actions, Pod Identity, account access).</summary>
public static class GeneratedTrust
{
    public const string DefaultAudience = "sts.amazonaws.com";
    public const string GitHubIssuer = "token.actions.githubusercontent.com";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One IRSA statement: Federated provider ARN, conditions on ISSUER:sub and ISSUER:aud.</summary>
    public static JsonObject IrsaStatement(string providerArn, string issuer, IReadOnlyList<string> subjects, TrustStyle style, string audience = DefaultAudience, bool like = false)
    {
        var host = OidcProvider.NormalizeUrl(issuer);
        JsonNode Subjects() => subjects.Count == 1 ? JsonValue.Create(subjects[0])! : new JsonArray(subjects.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        var condition = new JsonObject();
        if (like)
        {
            condition["StringLike"] = new JsonObject { [$"{host}:sub"] = Subjects() };
            condition["StringEquals"] = new JsonObject { [$"{host}:aud"] = audience };
        }
        else if (style == TrustStyle.Eksctl)
        {
            condition["StringEquals"] = new JsonObject { [$"{host}:aud"] = audience, [$"{host}:sub"] = Subjects() };
        }
        else
        {
            condition["StringEquals"] = new JsonObject { [$"{host}:sub"] = Subjects(), [$"{host}:aud"] = audience };
        }
        var statement = new JsonObject();
        if (style == TrustStyle.Terraform)
            statement["Sid"] = "";
        statement["Effect"] = "Allow";
        statement["Principal"] = new JsonObject { ["Federated"] = providerArn };
        statement["Action"] = style == TrustStyle.Eksctl ? new JsonArray("sts:AssumeRoleWithWebIdentity") : "sts:AssumeRoleWithWebIdentity";
        statement["Condition"] = condition;
        return statement;
    }

    /// <summary>GitHub Actions OIDC federation for a repository (StringLike on sub, StringEquals on aud).</summary>
    public static JsonObject GitHubStatement(string providerArn, string repository) => new()
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Federated"] = providerArn },
        ["Action"] = "sts:AssumeRoleWithWebIdentity",
        ["Condition"] = new JsonObject
        {
            ["StringEquals"] = new JsonObject { [$"{GitHubIssuer}:aud"] = DefaultAudience },
            ["StringLike"] = new JsonObject { [$"{GitHubIssuer}:sub"] = $"repo:{repository}:*" },
        },
    };

    /// <summary>The EKS Pod Identity statement (DOMAIN.md: pods.eks.amazonaws.com, sts:AssumeRole + sts:TagSession).</summary>
    public static JsonObject PodIdentityStatement() => new()
    {
        ["Sid"] = "AllowEksAuthToAssumeRoleForPodIdentity",
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = "pods.eks.amazonaws.com" },
        ["Action"] = new JsonArray("sts:AssumeRole", "sts:TagSession"),
    };

    public static JsonObject ServiceStatement(string service) => new()
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = service },
        ["Action"] = "sts:AssumeRole",
    };

    public static JsonObject AccountStatement(string principalArn) => new()
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["AWS"] = principalArn },
        ["Action"] = "sts:AssumeRole",
    };

    public static string Document(IEnumerable<JsonObject> statements, TrustStyle style)
    {
        var doc = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(statements.Select(s => (JsonNode)s).ToArray()),
        };
        return doc.ToJsonString(style == TrustStyle.Console ? Indented : Compact);
    }
}
