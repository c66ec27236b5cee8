using System.Text.Json;
using System.Text.Json.Nodes;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// Hostile values reaching the reports through the CLI: characters that spoof how an ARN reads are shown as escapes in
/// every format, very long values are cut in HTML and Markdown (whole in JSON), and an oversized trust policy is a finding.
/// </summary>
public sealed class HostileEstateCliTests : IDisposable
{
    private const string Rlo = "\u202E";
    private const string ZeroWidth = "\u200B";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Migrator.sln")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }

    private string Estate(Action<JsonObject> edit)
    {
        var estate = JsonNode.Parse(File.ReadAllText(RepoFile("examples/estate.small.json")))!.AsObject();
        edit(estate);
        var path = _dir.File($"estate-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, estate.ToJsonString());
        return path;
    }

    private static JsonObject ServiceAccount(JsonObject estate, string ns, string name) =>
        estate["clusters"]!.AsArray().SelectMany(c => c!["serviceAccounts"]!.AsArray()).Select(s => s!.AsObject())
            .First(s => (string?)s["namespace"] == ns && (string?)s["name"] == name);

    [Fact]
    public async Task Spoofing_characters_are_visible_in_every_format_and_long_values_are_cut_only_where_people_read()
    {
        var tail = new string('x', 3000);
        var arn = $"arn:aws:iam::111122223333:role/{Rlo}exe.gnp{ZeroWidth}{tail}";
        var estate = Estate(e => ServiceAccount(e, "payments", "api")["annotations"]!["eks.amazonaws.com/role-arn"] = arn);
        var sandbox = new SandboxCli(_dir);
        var reports = _dir.File("reports");

        await sandbox.Ok("run", "--estate", estate);
        await sandbox.Ok("report", "--out", reports);

        foreach (var ext in (string[])["html", "md", "csv"])
        {
            var text = await File.ReadAllTextAsync(Path.Combine(reports, $"latest.{ext}"));
            // Markdown escapes the backslash of the escape (\\u202E renders as \u202E).
            Assert.Contains(ext == "md" ? "\\\\u202Eexe.gnp\\\\u200B" : "\\u202Eexe.gnp\\u200B", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Rlo, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ZeroWidth, text, StringComparison.Ordinal);
        }
        foreach (var ext in (string[])["html", "md"])
        {
            var text = await File.ReadAllTextAsync(Path.Combine(reports, $"latest.{ext}"));
            Assert.DoesNotContain(tail, text, StringComparison.Ordinal);
            Assert.Contains("characters; the whole value is in the JSON report)", text, StringComparison.Ordinal);
        }
        var json = await File.ReadAllTextAsync(Path.Combine(reports, "latest.json"));
        Assert.DoesNotContain(Rlo, json, StringComparison.Ordinal);
        Assert.Contains("\\u202Eexe.gnp\\u200B" + tail, json, StringComparison.Ordinal);
        // Parsed, the JSON report holds the value exactly as the estate has it.
        Assert.Contains(arn, Strings(JsonDocument.Parse(json).RootElement));
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    [Fact]
    public async Task A_trust_policy_over_the_quota_is_a_finding_and_keeps_the_binding_out_of_the_plan()
    {
        var estate = Estate(e =>
        {
            var role = e["accounts"]!.AsArray().SelectMany(a => a!["roles"]!.AsArray()).Select(r => r!.AsObject())
                .First(r => (string?)r["name"] == "payments-api");
            var policy = JsonNode.Parse((string)role["trustPolicy"]!)!.AsObject();
            var values = new JsonArray([.. Enumerable.Range(0, 100_000).Select(i => (JsonNode)JsonValue.Create($"v{i:D7}"))]);
            policy["Statement"]!.AsArray().Add(new JsonObject
            {
                ["Sid"] = "Oversized",
                ["Effect"] = "Deny",
                ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::111122223333:root" },
                ["Action"] = "sts:AssumeRole",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["aws:PrincipalTag/team"] = values } },
            });
            role["trustPolicy"] = policy.ToJsonString();
        });
        var sandbox = new SandboxCli(_dir);

        await sandbox.Ok("run", "--estate", estate);
        var explain = await sandbox.Ok("explain", "prod-east/payments/api");
        var plan = await sandbox.Ok("plan", "show", "--output", "json");

        Assert.Contains("keep.trust-policy-over-quota", explain, StringComparison.Ordinal);
        Assert.Contains("quota is 4,096 (Assessment:TrustPolicySizeQuota)", explain, StringComparison.Ordinal);
        Assert.Contains("KeepIrsa", explain, StringComparison.Ordinal);
        var excluded = JsonDocument.Parse(plan).RootElement.GetProperty("excluded").EnumerateArray()
            .Single(x => x.GetRawText().Contains("payments/api", StringComparison.Ordinal) || x.GetRawText().Contains("\"api\"", StringComparison.Ordinal));
        Assert.Contains("keep.trust-policy-over-quota", excluded.GetRawText(), StringComparison.Ordinal);
    }
}
