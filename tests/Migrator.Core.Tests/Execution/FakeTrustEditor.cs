using System.Text.Json.Nodes;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;

namespace Migrator.Core.Tests.Execution;

/// <summary>
/// A small stand-in for the trust engine's rewriter: one scoped pods.eks statement per binding (Sid derived from the
/// binding), and IRSA subject removal limited to one issuer's :sub values.
/// </summary>
public sealed class FakeTrustEditor : ITrustDocumentEditor
{
    public TrustEdit AddPodIdentity(string document, IReadOnlyList<BindingKey> bindings)
    {
        var doc = JsonNode.Parse(document)!.AsObject();
        var statements = Statements(doc);
        var changed = false;
        foreach (var b in bindings)
        {
            if (statements.Any(s => s!["Sid"]?.GetValue<string>() == Sid(b)))
                continue;
            statements.Add(new JsonObject
            {
                ["Sid"] = Sid(b),
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "pods.eks.amazonaws.com" },
                ["Action"] = new JsonArray("sts:AssumeRole", "sts:TagSession"),
                ["Condition"] = new JsonObject
                {
                    ["StringEquals"] = new JsonObject
                    {
                        ["aws:RequestTag/eks-cluster-arn"] = b.Cluster.Arn,
                        ["aws:RequestTag/kubernetes-namespace"] = b.Namespace,
                        ["aws:RequestTag/kubernetes-service-account"] = b.ServiceAccount,
                    },
                },
            });
            changed = true;
        }
        return new TrustEdit(true, changed ? doc.ToJsonString() : document, changed, [], null);
    }

    public TrustEdit RemovePodIdentity(string document, IReadOnlyList<BindingKey> bindings)
    {
        var doc = JsonNode.Parse(document)!.AsObject();
        var statements = Statements(doc);
        var sids = bindings.Select(Sid).ToHashSet();
        var remove = statements.Where(s => sids.Contains(s!["Sid"]?.GetValue<string>() ?? "")).ToList();
        foreach (var s in remove)
            statements.Remove(s);
        return new TrustEdit(true, remove.Count > 0 ? doc.ToJsonString() : document, remove.Count > 0, [], null);
    }

    public TrustEdit RemoveIrsaSubject(string document, string issuer, string @namespace, string serviceAccount)
    {
        var doc = JsonNode.Parse(document)!.AsObject();
        var statements = Statements(doc);
        var subject = $"system:serviceaccount:{@namespace}:{serviceAccount}";
        var changed = false;
        foreach (var s in statements.ToList())
        {
            var federated = s!["Principal"]?["Federated"]?.GetValue<string>();
            if (federated is null || !federated.EndsWith("oidc-provider/" + issuer, StringComparison.Ordinal))
                continue;
            var eq = s["Condition"]?["StringEquals"]?.AsObject();
            if (eq?[issuer + ":sub"] is not { } sub)
                continue;
            if (sub is JsonValue v && v.GetValue<string>() == subject)
            {
                statements.Remove(s);
                changed = true;
            }
            else if (sub is JsonArray arr && arr.FirstOrDefault(x => x!.GetValue<string>() == subject) is { } hit)
            {
                arr.Remove(hit);
                if (arr.Count == 0)
                    statements.Remove(s);
                changed = true;
            }
        }
        return new TrustEdit(true, changed ? doc.ToJsonString() : document, changed, [], null);
    }

    private static JsonArray Statements(JsonObject doc) => doc["Statement"]!.AsArray();

    private static string Sid(BindingKey b) => "PodIdentity" + string.Concat($"{b.Cluster.Name}{b.Namespace}{b.ServiceAccount}".Where(char.IsLetterOrDigit));
}
