using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>
/// Reads a role trust policy and rejects what IAM rejects, reporting every problem with its line and column.
/// Grammar: IAM user guide, "Grammar of the IAM JSON policy language"; element pages for Version, Sid, Effect,
/// Principal, NotPrincipal, Action, NotAction, Condition. Element names and operator names are case-sensitive;
/// condition keys are case-insensitive (kept as written); condition values are case-sensitive.
/// </summary>
public static class TrustPolicyParser
{
    private static readonly string[] TopLevel = ["Version", "Id", "Statement"];

    public static TrustParseResult Parse(string json)
    {
        var text = PolicyDocumentText.Decode(json);
        var (root, readError) = PolicyTreeReader.Read(text);
        if (readError is not null)
            return Fail(readError);
        if (root is not PolicyObject map)
            return Fail(new TrustPolicyError("a trust policy must be a JSON object with a \"Statement\" element", root!.Line, root.Column));

        var errors = new List<TrustPolicyError>();
        foreach (var p in map.Properties.Where(p => !TopLevel.Contains(p.Name)))
            errors.Add(PolicyJsonValues.At(p, $"unknown top-level element \"{p.Name}\"; a policy has only Version, Id and Statement (names are case-sensitive)"));

        string? version = null;
        if (map.Find("Version") is { } v)
        {
            version = (v.Value as PolicyString)?.Value;
            if (version is not ("2012-10-17" or "2008-10-17"))
                errors.Add(PolicyJsonValues.At(v.Value, $"Version must be \"2012-10-17\" or \"2008-10-17\"; got {PolicyJsonValues.Show(v.Value)}"));
        }
        string? id = null;
        if (map.Find("Id") is { } idProp)
        {
            id = (idProp.Value as PolicyString)?.Value;
            if (id is null)
                errors.Add(PolicyJsonValues.At(idProp.Value, "Id must be a string"));
        }

        var statements = new List<TrustStatement>();
        var statementProp = map.Find("Statement");
        if (statementProp is null)
        {
            errors.Add(new TrustPolicyError("the policy has no \"Statement\" element; add \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": ..., \"Action\": ...}]", map.Line, map.Column));
        }
        else
        {
            var nodes = statementProp.Value switch
            {
                PolicyObject single => [single],
                PolicyArray list => list.Items,
                _ => null,
            };
            if (nodes is null)
                errors.Add(PolicyJsonValues.At(statementProp.Value, "Statement must be an object or an array of objects"));
            else if (nodes.Count == 0)
                errors.Add(PolicyJsonValues.At(statementProp.Value, "Statement is empty; a trust policy needs at least one statement"));
            else
            {
                var sids = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (nodes[i] is not PolicyObject s)
                    {
                        errors.Add(PolicyJsonValues.At(nodes[i], $"statement {i + 1} must be a JSON object"));
                        continue;
                    }
                    var statement = StatementReader.Read(s, i + 1, errors);
                    if (statement?.Sid is { Length: > 0 } sid)
                    {
                        if (sids.TryGetValue(sid, out var first))
                            errors.Add(PolicyJsonValues.At(s.Find("Sid")!, $"statement {i + 1} repeats Sid \"{sid}\" of statement {first}; Sids must be unique within a policy"));
                        else
                            sids[sid] = i + 1;
                    }
                    if (statement is not null)
                        statements.Add(statement);
                }
            }
        }

        if (errors.Count > 0)
            return new TrustParseResult { Errors = errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0).ToList() };
        return new TrustParseResult
        {
            Policy = new TrustPolicy { Version = version, Id = id, Statements = statements, Text = text, Root = map },
        };
    }

    private static TrustParseResult Fail(TrustPolicyError error) => new() { Errors = [error] };
}
