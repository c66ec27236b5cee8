using System.Text.RegularExpressions;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>Reads Principal / NotPrincipal: "*" or values per type (AWS, Service, Federated, CanonicalUser).</summary>
internal static partial class PrincipalReader
{
    public static PrincipalSet? Read(PolicyProperty prop, string label, List<TrustPolicyError> errors)
    {
        var name = prop.Name;
        if (prop.Value is PolicyString text)
        {
            if (text.Value == "*")
                return new PrincipalSet { IsEveryone = true };
            errors.Add(PolicyJsonValues.At(text, $"{label}: {name} must be \"*\" or an object such as {{\"Federated\": \"arn:...\"}}; got \"{text.Value}\""));
            return null;
        }
        if (prop.Value is not PolicyObject map)
        {
            errors.Add(PolicyJsonValues.At(prop.Value, $"{label}: {name} must be \"*\" or an object with AWS, Service, Federated or CanonicalUser"));
            return null;
        }
        if (map.Properties.Count == 0)
        {
            errors.Add(PolicyJsonValues.At(map, $"{label}: {name} is empty; name at least one principal"));
            return null;
        }
        var byType = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var before = errors.Count;
        foreach (var p in map.Properties)
        {
            if (!PrincipalSet.Types.Contains(p.Name))
            {
                errors.Add(PolicyJsonValues.At(p, $"{label}: unknown principal type \"{p.Name}\"; use AWS, Service, Federated or CanonicalUser{PolicyJsonValues.CaseHint(p.Name, PrincipalSet.Types)}"));
                continue;
            }
            var values = PolicyJsonValues.Strings(p.Value, $"{label}: {name}.{p.Name}", errors);
            if (values is null)
                continue;
            foreach (var (value, node) in PolicyJsonValues.Pair(p.Value, values))
            {
                var problem = PrincipalProblem(p.Name, value);
                if (problem is not null)
                    errors.Add(PolicyJsonValues.At(node, $"{label}: invalid principal in policy: \"{p.Name}\":\"{value}\" ({problem})"));
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

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}
