using System.Globalization;
using System.Text.RegularExpressions;
using Migrator.Core.Trust.Json;

namespace Migrator.Core.Trust;

/// <summary>
/// Reads a role trust policy and rejects what IAM rejects, reporting every problem with its line and column.
/// Grammar: IAM user guide, "Grammar of the IAM JSON policy language"; element pages for Version, Sid, Effect,
/// Principal, NotPrincipal, Action, NotAction, Condition. Element names and operator names are case-sensitive;
/// condition keys are case-insensitive (kept as written); condition values are case-sensitive.
/// </summary>
public static partial class TrustPolicyParser
{
    private static readonly string[] TopLevel = ["Version", "Id", "Statement"];
    private static readonly string[] StatementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static TrustParseResult Parse(string json)
    {
        var text = PolicyDocumentText.Decode(json);
        var (root, readError) = JsonDocumentReader.Read(text);
        if (readError is not null)
            return Fail(readError);
        if (root is not JsonMap map)
            return Fail(new TrustPolicyError("a trust policy must be a JSON object with a \"Statement\" element", root!.Line, root.Column));

        var errors = new List<TrustPolicyError>();
        foreach (var p in map.Properties.Where(p => !TopLevel.Contains(p.Name)))
            errors.Add(At(p, $"unknown top-level element \"{p.Name}\"; a policy has only Version, Id and Statement (names are case-sensitive)"));

        string? version = null;
        if (map.Find("Version") is { } v)
        {
            version = (v.Value as JsonText)?.Value;
            if (version is not ("2012-10-17" or "2008-10-17"))
                errors.Add(At(v.Value, $"Version must be \"2012-10-17\" or \"2008-10-17\"; got {Show(v.Value)}"));
        }
        string? id = null;
        if (map.Find("Id") is { } idProp)
        {
            id = (idProp.Value as JsonText)?.Value;
            if (id is null)
                errors.Add(At(idProp.Value, "Id must be a string"));
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
                JsonMap single => [single],
                JsonList list => list.Items,
                _ => null,
            };
            if (nodes is null)
                errors.Add(At(statementProp.Value, "Statement must be an object or an array of objects"));
            else if (nodes.Count == 0)
                errors.Add(At(statementProp.Value, "Statement is empty; a trust policy needs at least one statement"));
            else
            {
                var sids = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (nodes[i] is not JsonMap s)
                    {
                        errors.Add(At(nodes[i], $"statement {i + 1} must be a JSON object"));
                        continue;
                    }
                    var statement = ReadStatement(s, i + 1, errors);
                    if (statement?.Sid is { Length: > 0 } sid)
                    {
                        if (sids.TryGetValue(sid, out var first))
                            errors.Add(At(s.Find("Sid")!, $"statement {i + 1} repeats Sid \"{sid}\" of statement {first}; Sids must be unique within a policy"));
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

    private static TrustStatement? ReadStatement(JsonMap s, int number, List<TrustPolicyError> errors)
    {
        var before = errors.Count;
        var label = $"statement {number}";
        foreach (var p in s.Properties)
        {
            if (p.Name is "Resource" or "NotResource")
                errors.Add(At(p, $"{label} has prohibited field {p.Name}: a role trust policy names who may assume the role (Principal), not a Resource; remove \"{p.Name}\""));
            else if (!StatementElements.Contains(p.Name))
                errors.Add(At(p, $"{label} has unknown element \"{p.Name}\"{CaseHint(p.Name, StatementElements)}"));
        }

        string? sid = null;
        if (s.Find("Sid") is { } sidProp)
        {
            sid = (sidProp.Value as JsonText)?.Value;
            if (sid is null)
                errors.Add(At(sidProp.Value, $"{label}: Sid must be a string"));
            else if (!SidPattern().IsMatch(sid))
                errors.Add(At(sidProp.Value, $"{label}: Sid \"{sid}\" must contain only ASCII letters and digits ([0-9A-Za-z]*)"));
        }

        PolicyEffect effect = PolicyEffect.Allow;
        var effectProp = s.Find("Effect");
        if (effectProp is null)
            errors.Add(new TrustPolicyError($"{label} has no Effect; add \"Effect\": \"Allow\" or \"Deny\"", s.Line, s.Column));
        else if (effectProp.Value is JsonText { Value: "Allow" })
            effect = PolicyEffect.Allow;
        else if (effectProp.Value is JsonText { Value: "Deny" })
            effect = PolicyEffect.Deny;
        else
            errors.Add(At(effectProp.Value, $"{label}: Effect must be \"Allow\" or \"Deny\" (case-sensitive); got {Show(effectProp.Value)}"));

        var principalProp = s.Find("Principal");
        var notPrincipalProp = s.Find("NotPrincipal");
        PrincipalSet? principals = null;
        if (principalProp is not null && notPrincipalProp is not null)
            errors.Add(At(notPrincipalProp, $"{label} has both Principal and NotPrincipal; keep one"));
        else if (principalProp is null && notPrincipalProp is null)
            errors.Add(new TrustPolicyError($"{label} has no Principal; a trust policy statement must say who may assume the role, e.g. \"Principal\": {{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/...\"}}", s.Line, s.Column));
        else
        {
            var prop = principalProp ?? notPrincipalProp!;
            principals = ReadPrincipals(prop, label, errors);
            // NotPrincipal only works with Deny (IAM user guide, "AWS JSON policy elements: NotPrincipal").
            if (notPrincipalProp is not null && effectProp?.Value is JsonText { Value: "Allow" })
                errors.Add(At(notPrincipalProp, $"{label} uses NotPrincipal with Allow; NotPrincipal is only supported with \"Effect\": \"Deny\""));
        }

        var actionProp = s.Find("Action");
        var notActionProp = s.Find("NotAction");
        IReadOnlyList<string>? actions = null;
        if (actionProp is not null && notActionProp is not null)
            errors.Add(At(notActionProp, $"{label} has both Action and NotAction; keep one"));
        else if (actionProp is null && notActionProp is null)
            errors.Add(new TrustPolicyError($"{label} has no Action; add e.g. \"Action\": \"sts:AssumeRoleWithWebIdentity\"", s.Line, s.Column));
        else
        {
            var prop = actionProp ?? notActionProp!;
            actions = Strings(prop.Value, $"{label}: {prop.Name}", errors);
            foreach (var (a, node) in Pair(prop.Value, actions))
            {
                if (a != "*" && !ActionPattern().IsMatch(a))
                    errors.Add(At(node, $"{label}: action \"{a}\" must be prefaced by a service, e.g. \"sts:AssumeRole\" (or be \"*\")"));
            }
        }

        var conditions = new List<ConditionClause>();
        if (s.Find("Condition") is { } conditionProp)
            ReadConditions(conditionProp.Value, label, conditions, errors);

        if (errors.Count > before || principals is null || actions is null)
            return null;
        return new TrustStatement
        {
            Number = number,
            Sid = sid,
            Effect = effect,
            Principals = principals,
            IsNotPrincipal = notPrincipalProp is not null,
            Actions = actions,
            IsNotAction = notActionProp is not null,
            Conditions = conditions,
            Line = s.Line,
            Column = s.Column,
        };
    }

    private static PrincipalSet? ReadPrincipals(JsonProperty prop, string label, List<TrustPolicyError> errors)
    {
        var name = prop.Name;
        if (prop.Value is JsonText text)
        {
            if (text.Value == "*")
                return new PrincipalSet { IsEveryone = true };
            errors.Add(At(text, $"{label}: {name} must be \"*\" or an object such as {{\"Federated\": \"arn:...\"}}; got \"{text.Value}\""));
            return null;
        }
        if (prop.Value is not JsonMap map)
        {
            errors.Add(At(prop.Value, $"{label}: {name} must be \"*\" or an object with AWS, Service, Federated or CanonicalUser"));
            return null;
        }
        if (map.Properties.Count == 0)
        {
            errors.Add(At(map, $"{label}: {name} is empty; name at least one principal"));
            return null;
        }
        var byType = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var before = errors.Count;
        foreach (var p in map.Properties)
        {
            if (!PrincipalSet.Types.Contains(p.Name))
            {
                errors.Add(At(p, $"{label}: unknown principal type \"{p.Name}\"; use AWS, Service, Federated or CanonicalUser{CaseHint(p.Name, PrincipalSet.Types)}"));
                continue;
            }
            var values = Strings(p.Value, $"{label}: {name}.{p.Name}", errors);
            if (values is null)
                continue;
            foreach (var (value, node) in Pair(p.Value, values))
            {
                var problem = PrincipalProblem(p.Name, value);
                if (problem is not null)
                    errors.Add(At(node, $"{label}: invalid principal in policy: \"{p.Name}\":\"{value}\" ({problem})"));
            }
            byType[p.Name] = values;
        }
        return errors.Count > before ? null : new PrincipalSet { ByType = byType };
    }

    /// <summary>
    /// IAM refuses partial wildcards in principals ("You cannot use a wildcard to match part of a principal name or
    /// ARN") and AWS principals that are neither an account id nor an ARN.
    /// </summary>
    private static string? PrincipalProblem(string type, string value)
    {
        if (value.Length == 0)
            return "empty value";
        if (value == "*")
            return null;
        if (type == "AWS")
        {
            if (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal))
                return "a wildcard cannot match part of a principal; use \"*\" with a condition on aws:PrincipalArn";
            if (AccountPattern().IsMatch(value))
                return null;
            return ArnParts.TryParse(value, out var arn) && AwsPartition.IsKnown(arn.Partition)
                ? null
                : "an AWS principal is a 12-digit account id or an ARN such as arn:aws:iam::111122223333:role/NAME";
        }
        if (type == "Federated" && value.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (value.Contains('*', StringComparison.Ordinal))
                return "a wildcard cannot match part of a principal";
            return ArnParts.TryParse(value, out var arn) && AwsPartition.IsKnown(arn.Partition)
                ? null
                : "a federated principal ARN looks like arn:aws:iam::111122223333:oidc-provider/ISSUER";
        }
        return null;
    }

    private static void ReadConditions(JsonNode node, string label, List<ConditionClause> conditions, List<TrustPolicyError> errors)
    {
        if (node is not JsonMap map)
        {
            errors.Add(At(node, $"{label}: Condition must be an object of operators, e.g. {{\"StringEquals\": {{\"KEY\": \"VALUE\"}}}}"));
            return;
        }
        foreach (var opProp in map.Properties)
        {
            var op = ConditionOperator.TryParse(opProp.Name, out var opError);
            if (op is null)
            {
                errors.Add(At(opProp, $"{label}: {opError}"));
                continue;
            }
            if (opProp.Value is not JsonMap keys)
            {
                errors.Add(At(opProp.Value, $"{label}: {op.Name} must be an object of condition keys to values"));
                continue;
            }
            foreach (var keyProp in keys.Properties)
            {
                if (keyProp.Name.Length == 0)
                {
                    errors.Add(At(keyProp, $"{label}: {op.Name} has an empty condition key"));
                    continue;
                }
                var values = ConditionValues(keyProp.Value, $"{label}: {op.Name} {keyProp.Name}", errors);
                if (values is null)
                    continue;
                foreach (var (value, valueNode) in Pair(keyProp.Value, values))
                {
                    var problem = ValueProblem(op.Kind, value);
                    if (problem is not null)
                        errors.Add(At(valueNode, $"{label}: {op.Name} {keyProp.Name}: {problem}"));
                }
                conditions.Add(new ConditionClause(op, keyProp.Name, values, keyProp.Line, keyProp.Column));
            }
        }
    }

    /// <summary>Values IAM cannot read for the operator's type (numbers, dates, addresses, Null's true/false).</summary>
    private static string? ValueProblem(ConditionOperatorKind kind, string value) => kind switch
    {
        >= ConditionOperatorKind.NumericEquals and <= ConditionOperatorKind.NumericGreaterThanEquals
            when !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            => $"\"{value}\" is not a number",
        >= ConditionOperatorKind.DateEquals and <= ConditionOperatorKind.DateGreaterThanEquals
            when ConditionValueMatcher.ParseDate(value) is null
            => $"\"{value}\" is not a date (ISO 8601 such as 2026-01-31T00:00:00Z, or epoch seconds)",
        ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress
            when !System.Net.IPNetwork.TryParse(value, out _) && !System.Net.IPAddress.TryParse(value, out _)
            => $"\"{value}\" is not an IP address or CIDR range",
        ConditionOperatorKind.Null when !value.Equals("true", StringComparison.OrdinalIgnoreCase) && !value.Equals("false", StringComparison.OrdinalIgnoreCase)
            => $"Null takes \"true\" (key absent) or \"false\" (key present); got \"{value}\"",
        _ => null,
    };

    private static List<string>? Strings(JsonNode node, string what, List<TrustPolicyError> errors)
    {
        switch (node)
        {
            case JsonText t:
                return [t.Value];
            case JsonList { Items.Count: > 0 } list when list.Items.All(i => i is JsonText):
                return list.Items.Select(i => ((JsonText)i).Value).ToList();
            case JsonList { Items.Count: 0 }:
                errors.Add(At(node, $"{what} is an empty array; give at least one value"));
                return null;
            default:
                errors.Add(At(node, $"{what} must be a string or an array of strings"));
                return null;
        }
    }

    /// <summary>Condition values: strings, numbers or booleans (quotes are optional for those), alone or in an array.</summary>
    private static List<string>? ConditionValues(JsonNode node, string what, List<TrustPolicyError> errors)
    {
        static string? Scalar(JsonNode n) => n switch
        {
            JsonText t => t.Value,
            JsonLiteral { Kind: not JsonLiteralKind.Null } l => l.Raw,
            _ => null,
        };
        if (node is JsonList list)
        {
            if (list.Items.Count == 0)
            {
                errors.Add(At(node, $"{what} is an empty array; give at least one value"));
                return null;
            }
            var values = list.Items.Select(Scalar).ToList();
            if (values.Any(v => v is null))
            {
                errors.Add(At(node, $"{what} must hold strings, numbers or booleans only"));
                return null;
            }
            return values!;
        }
        var single = Scalar(node);
        if (single is null)
            errors.Add(At(node, $"{what} must be a string, number, boolean or an array of them"));
        return single is null ? null : [single];
    }

    private static IEnumerable<(string Value, JsonNode Node)> Pair(JsonNode node, IReadOnlyList<string>? values)
    {
        if (values is null)
            yield break;
        if (node is JsonList list)
        {
            for (var i = 0; i < values.Count && i < list.Items.Count; i++)
                yield return (values[i], list.Items[i]);
        }
        else if (values.Count == 1)
        {
            yield return (values[0], node);
        }
    }

    private static string CaseHint(string name, IEnumerable<string> known)
    {
        var match = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return match is null ? "" : $" (element names are case-sensitive: write \"{match}\")";
    }

    private static string Show(JsonNode node) => node switch
    {
        JsonText t => $"\"{t.Value}\"",
        JsonLiteral l => l.Raw,
        JsonList => "an array",
        _ => "an object",
    };

    private static TrustPolicyError At(JsonNode node, string message) => new(message, node.Line, node.Column);
    private static TrustPolicyError At(JsonProperty prop, string message) => new(message, prop.Line, prop.Column);
    private static TrustParseResult Fail(TrustPolicyError error) => new() { Errors = [error] };

    [GeneratedRegex("^[0-9A-Za-z]*$")]
    private static partial Regex SidPattern();

    [GeneratedRegex("^[A-Za-z0-9-]+:[A-Za-z0-9*?_.-]+$")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}
