using System.Text.RegularExpressions;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>Reads and checks one statement of a trust policy (elements, Sid, Effect, principal, action, conditions).</summary>
internal static partial class StatementReader
{
    private static readonly string[] StatementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static TrustStatement? Read(PolicyObject s, int number, List<TrustPolicyError> errors)
    {
        var before = errors.Count;
        var label = $"statement {number}";
        foreach (var p in s.Properties)
        {
            if (p.Name is "Resource" or "NotResource")
                errors.Add(PolicyJsonValues.At(p, $"{label} has prohibited field {p.Name}: a role trust policy names who may assume the role (Principal), not a Resource; remove \"{p.Name}\""));
            else if (!StatementElements.Contains(p.Name))
                errors.Add(PolicyJsonValues.At(p, $"{label} has unknown element \"{p.Name}\"{PolicyJsonValues.CaseHint(p.Name, StatementElements)}"));
        }

        string? sid = null;
        if (s.Find("Sid") is { } sidProp)
        {
            sid = (sidProp.Value as PolicyString)?.Value;
            if (sid is null)
                errors.Add(PolicyJsonValues.At(sidProp.Value, $"{label}: Sid must be a string"));
            else if (!SidPattern().IsMatch(sid))
                errors.Add(PolicyJsonValues.At(sidProp.Value, $"{label}: Sid \"{sid}\" must contain only ASCII letters and digits ([0-9A-Za-z]*)"));
        }

        PolicyEffect effect = PolicyEffect.Allow;
        var effectProp = s.Find("Effect");
        if (effectProp is null)
            errors.Add(new TrustPolicyError($"{label} has no Effect; add \"Effect\": \"Allow\" or \"Deny\"", s.Line, s.Column));
        else if (effectProp.Value is PolicyString { Value: "Allow" })
            effect = PolicyEffect.Allow;
        else if (effectProp.Value is PolicyString { Value: "Deny" })
            effect = PolicyEffect.Deny;
        else
            errors.Add(PolicyJsonValues.At(effectProp.Value, $"{label}: Effect must be \"Allow\" or \"Deny\" (case-sensitive); got {PolicyJsonValues.Show(effectProp.Value)}"));

        var principalProp = s.Find("Principal");
        var notPrincipalProp = s.Find("NotPrincipal");
        PrincipalSet? principals = null;
        if (principalProp is not null && notPrincipalProp is not null)
            errors.Add(PolicyJsonValues.At(notPrincipalProp, $"{label} has both Principal and NotPrincipal; keep one"));
        else if (principalProp is null && notPrincipalProp is null)
            errors.Add(new TrustPolicyError($"{label} has no Principal; a trust policy statement must say who may assume the role, e.g. \"Principal\": {{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/...\"}}", s.Line, s.Column));
        else
        {
            var prop = principalProp ?? notPrincipalProp!;
            principals = PrincipalReader.Read(prop, label, errors);
            // NotPrincipal only works with Deny (IAM user guide, "AWS JSON policy elements: NotPrincipal"). That page also
            // advises against NotPrincipal in role trust policies; the issue lists it as a shape to read, so a Deny
            // with NotPrincipal is accepted and evaluated, an Allow with it rejected.
            if (notPrincipalProp is not null && effectProp?.Value is PolicyString { Value: "Allow" })
                errors.Add(PolicyJsonValues.At(notPrincipalProp, $"{label} uses NotPrincipal with Allow; NotPrincipal is only supported with \"Effect\": \"Deny\""));
        }

        var actionProp = s.Find("Action");
        var notActionProp = s.Find("NotAction");
        IReadOnlyList<string>? actions = null;
        if (actionProp is not null && notActionProp is not null)
            errors.Add(PolicyJsonValues.At(notActionProp, $"{label} has both Action and NotAction; keep one"));
        else if (actionProp is null && notActionProp is null)
            errors.Add(new TrustPolicyError($"{label} has no Action; add e.g. \"Action\": \"sts:AssumeRoleWithWebIdentity\"", s.Line, s.Column));
        else
        {
            var prop = actionProp ?? notActionProp!;
            actions = PolicyJsonValues.Strings(prop.Value, $"{label}: {prop.Name}", errors);
            foreach (var (a, node) in PolicyJsonValues.Pair(prop.Value, actions))
            {
                if (a != "*" && !ActionPattern().IsMatch(a))
                    errors.Add(PolicyJsonValues.At(node, $"{label}: action \"{a}\" must be prefaced by a service, e.g. \"sts:AssumeRole\" (or be \"*\")"));
            }
        }

        var conditions = new List<ConditionClause>();
        if (s.Find("Condition") is { } conditionProp)
            ConditionReader.Read(conditionProp.Value, label, conditions, errors);

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

    [GeneratedRegex("^[0-9A-Za-z]*$")]
    private static partial Regex SidPattern();

    [GeneratedRegex("^[A-Za-z0-9-]+:[A-Za-z0-9*?_.-]+$")]
    private static partial Regex ActionPattern();
}
