using System.Globalization;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>Reads a Condition block: known operators, non-empty keys, values IAM can read for the operator's type.</summary>
internal static class ConditionReader
{
    public static void Read(PolicyNode node, string label, List<ConditionClause> conditions, List<TrustPolicyError> errors)
    {
        if (node is not PolicyObject map)
        {
            errors.Add(PolicyJsonValues.At(node, $"{label}: Condition must be an object of operators, e.g. {{\"StringEquals\": {{\"KEY\": \"VALUE\"}}}}"));
            return;
        }
        foreach (var opProp in map.Properties)
        {
            var op = ConditionOperator.TryParse(opProp.Name, out var opError);
            if (op is null)
            {
                errors.Add(PolicyJsonValues.At(opProp, $"{label}: {opError}"));
                continue;
            }
            if (opProp.Value is not PolicyObject keys)
            {
                errors.Add(PolicyJsonValues.At(opProp.Value, $"{label}: {op.Name} must be an object of condition keys to values"));
                continue;
            }
            foreach (var keyProp in keys.Properties)
            {
                if (keyProp.Name.Length == 0)
                {
                    errors.Add(PolicyJsonValues.At(keyProp, $"{label}: {op.Name} has an empty condition key"));
                    continue;
                }
                var values = ConditionValues(keyProp.Value, $"{label}: {op.Name} {keyProp.Name}", errors);
                if (values is null)
                    continue;
                foreach (var (value, valueNode) in PolicyJsonValues.Pair(keyProp.Value, values))
                {
                    var problem = ValueProblem(op.Kind, value);
                    if (problem is not null)
                        errors.Add(PolicyJsonValues.At(valueNode, $"{label}: {op.Name} {keyProp.Name}: {problem}"));
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
            when !ConditionValueMatcher.TryParseRange(value, out _, out _)
            => $"\"{value}\" is not an IP address or CIDR range",
        ConditionOperatorKind.Null when !value.Equals("true", StringComparison.OrdinalIgnoreCase) && !value.Equals("false", StringComparison.OrdinalIgnoreCase)
            => $"Null takes \"true\" (key absent) or \"false\" (key present); got \"{value}\"",
        _ => null,
    };

    /// <summary>Condition values: strings, numbers or booleans (quotes are optional for those), alone or in an array.</summary>
    private static List<string>? ConditionValues(PolicyNode node, string what, List<TrustPolicyError> errors)
    {
        static string? Scalar(PolicyNode n) => n switch
        {
            PolicyString t => t.Value,
            PolicyLiteral { Kind: not PolicyLiteralKind.Null } l => l.Raw,
            _ => null,
        };
        if (node is PolicyArray list)
        {
            if (list.Items.Count == 0)
            {
                errors.Add(PolicyJsonValues.At(node, $"{what} is an empty array; give at least one value"));
                return null;
            }
            var values = list.Items.Select(Scalar).ToList();
            if (values.Any(v => v is null))
            {
                errors.Add(PolicyJsonValues.At(node, $"{what} must hold strings, numbers or booleans only"));
                return null;
            }
            return values!;
        }
        var single = Scalar(node);
        if (single is null)
            errors.Add(PolicyJsonValues.At(node, $"{what} must be a string, number, boolean or an array of them"));
        return single is null ? null : [single];
    }
}
