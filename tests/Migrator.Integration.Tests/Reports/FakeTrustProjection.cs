using System.Text.Json.Nodes;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

/// <summary>
/// Test double for the trust rewriter: drops statements whose OIDC subject belongs to a moved binding and appends one
/// pods.eks.amazonaws.com statement scoped by session tags. Enough to drive the report's diff rendering.
/// </summary>
public sealed class FakeTrustProjection : ITrustPolicyProjection
{
    public TrustProjection Project(string document, IReadOnlyList<TrustedBinding> bindings)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        var statements = root["Statement"]!.AsArray();
        foreach (var b in bindings)
        {
            var sub = $"system:serviceaccount:{b.Namespace}:{b.ServiceAccount}";
            var match = statements.FirstOrDefault(s => s?["Condition"]?["StringEquals"]?[$"{b.Issuer}:sub"]?.GetValue<string>() == sub);
            if (match is not null) statements.Remove(match);
        }
        statements.Add(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "pods.eks.amazonaws.com" },
            ["Action"] = new JsonArray("sts:AssumeRole", "sts:TagSession"),
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject
                {
                    ["aws:RequestTag/eks-cluster-arn"] = new JsonArray(bindings.Select(b => (JsonNode?)JsonValue.Create(b.ClusterArn)).Distinct().ToArray()),
                },
            },
        });
        return new TrustProjection(true, root.ToJsonString(), [], null);
    }
}
