namespace Migrator.Core.Trust;

/// <summary>
/// Evaluates one condition clause against a request context, with IAM's rules (IAM user guide, "IAM JSON policy
/// elements: Condition operators" and "Conditions with multiple context keys or values"):
/// <list type="bullet">
/// <item>values of one key are OR-ed; for a negated operator (StringNotEquals, StringNotLike, ArnNotLike,
/// NotIpAddress...) they are NOR-ed: the request value must match none of them;</item>
/// <item>a key absent from the request makes the condition false, except that a negated operator is then true
/// ("If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right
/// key is not present, the condition is true"), ...IfExists is true, and Null tests presence itself;</item>
/// <item>ForAllValues: every request value must match, and an absent or empty key is true; ForAnyValue: at least one
/// request value must match, and an absent key is false (IAM user guide, "Single-valued vs. multivalued context keys").</item>
/// </list>
/// </summary>
public static class ConditionEvaluator
{
    /// <summary>
    /// <see cref="Evaluate"/>'s verdict alone, with no explanation built: the trust engine's verdicts
    /// (<see cref="TrustEvaluator.Allows"/>) decide thousands of requests and explain only the ones that fail.
    /// </summary>
    public static bool Holds(ConditionClause clause, RequestContext context)
    {
        var op = clause.Operator;
        var values = context.Get(clause.Key);
        var absent = values is null || values.Count == 0;
        if (op.Kind == ConditionOperatorKind.Null)
        {
            for (var i = 0; i < clause.Values.Count; i++)
            {
                if (clause.Values[i].Equals("true", StringComparison.OrdinalIgnoreCase) ? absent : !absent)
                    return true;
            }
            return false;
        }
        if (absent)
            return op.IfExists || op.Qualifier == SetQualifier.ForAllValues || (op.Qualifier != SetQualifier.ForAnyValue && op.IsNegated);
        if (op.Qualifier == SetQualifier.ForAllValues)
        {
            for (var i = 0; i < values!.Count; i++)
            {
                if (!Satisfies(clause, values[i]))
                    return false;
            }
            return true;
        }
        for (var i = 0; i < values!.Count; i++)
        {
            if (Satisfies(clause, values[i]))
                return true;
        }
        return false;
    }

    /// <summary>One request value meets the clause: matches one of its values, or (negated operator) none of them.</summary>
    private static bool Satisfies(ConditionClause clause, string value)
    {
        var any = false;
        for (var i = 0; i < clause.Values.Count; i++)
        {
            if (ConditionValueMatcher.Matches(clause.Operator.Kind, clause.Values[i], value))
            {
                any = true;
                break;
            }
        }
        return clause.Operator.IsNegated ? !any : any;
    }

    public static ConditionOutcome Evaluate(ConditionClause clause, RequestContext context)
    {
        var op = clause.Operator;
        var values = context.Get(clause.Key);
        var absent = values is null || values.Count == 0;
        var head = $"condition {op.Name} {clause.Key}";

        if (op.Kind == ConditionOperatorKind.Null)
        {
            var holds = clause.Values.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) ? absent : !absent);
            var wantsAbsent = clause.Values.All(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
            return holds
                ? new ConditionOutcome(true, $"{head} holds ({(absent ? "the key is absent" : "the key is present")})")
                : new ConditionOutcome(false, wantsAbsent
                    ? $"{head} requires {clause.Key} to be absent but the request has {Show(values!)}"
                    : $"{head} requires {clause.Key} to be present but the request has no {clause.Key}");
        }

        if (absent)
        {
            if (op.IfExists)
                return new ConditionOutcome(true, $"{head} holds (the key is absent and the operator ends in IfExists)");
            if (op.Qualifier == SetQualifier.ForAllValues)
                return new ConditionOutcome(true, $"{head} holds (ForAllValues is true when the request has no {clause.Key})");
            if (op.Qualifier == SetQualifier.ForAnyValue)
                return new ConditionOutcome(false, $"{head} requires at least one value that is {Requirement(op, clause.Values)} but the request has no {clause.Key}");
            if (op.IsNegated)
                return new ConditionOutcome(true, $"{head} holds (the request has no {clause.Key}, and a negated operator is true for an absent key)");
            return new ConditionOutcome(false, $"{head} requires {Requirement(op, clause.Values)} but the request has no {clause.Key}");
        }

        switch (op.Qualifier)
        {
            case SetQualifier.ForAllValues:
            {
                var failing = values!.FirstOrDefault(v => !Satisfies(clause, v));
                return failing is null
                    ? new ConditionOutcome(true, $"{head} holds (every value of {Show(values!)} is {Requirement(op, clause.Values)})")
                    : new ConditionOutcome(false, $"{head} requires every value to be {Requirement(op, clause.Values)} but the request has {failing} (of {Show(values!)})");
            }
            case SetQualifier.ForAnyValue:
                return values!.Any(v => Satisfies(clause, v))
                    ? new ConditionOutcome(true, $"{head} holds ({Show(values!)})")
                    : new ConditionOutcome(false, $"{head} requires at least one value that is {Requirement(op, clause.Values)} but the request has {Show(values!)}");
            default:
                return values!.Any(v => Satisfies(clause, v))
                    ? new ConditionOutcome(true, $"{head} holds ({Show(values!)})")
                    : new ConditionOutcome(false, $"{head} requires {Requirement(op, clause.Values)} but the request has {Show(values!)}");
        }
    }

    /// <summary>What the clause asks of a value, e.g. "one of [system:serviceaccount:prod:api]".</summary>
    public static string Requirement(ConditionOperator op, IReadOnlyList<string> values)
    {
        var list = $"[{string.Join(", ", values)}]";
        return op.Kind switch
        {
            ConditionOperatorKind.StringEquals or ConditionOperatorKind.NumericEquals or ConditionOperatorKind.DateEquals
                or ConditionOperatorKind.Bool or ConditionOperatorKind.BinaryEquals => $"one of {list}",
            ConditionOperatorKind.StringEqualsIgnoreCase => $"one of {list} (ignoring case)",
            ConditionOperatorKind.StringNotEquals or ConditionOperatorKind.NumericNotEquals or ConditionOperatorKind.DateNotEquals => $"none of {list}",
            ConditionOperatorKind.StringNotEqualsIgnoreCase => $"none of {list} (ignoring case)",
            ConditionOperatorKind.StringLike => $"a match for one of {list}",
            ConditionOperatorKind.StringNotLike => $"a match for none of {list}",
            ConditionOperatorKind.NumericLessThan or ConditionOperatorKind.DateLessThan => $"less than one of {list}",
            ConditionOperatorKind.NumericLessThanEquals or ConditionOperatorKind.DateLessThanEquals => $"at most one of {list}",
            ConditionOperatorKind.NumericGreaterThan or ConditionOperatorKind.DateGreaterThan => $"greater than one of {list}",
            ConditionOperatorKind.NumericGreaterThanEquals or ConditionOperatorKind.DateGreaterThanEquals => $"at least one of {list}",
            ConditionOperatorKind.IpAddress => $"an address in one of {list}",
            ConditionOperatorKind.NotIpAddress => $"an address in none of {list}",
            ConditionOperatorKind.ArnEquals or ConditionOperatorKind.ArnLike => $"an ARN matching one of {list}",
            ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnNotLike => $"an ARN matching none of {list}",
            _ => list,
        };
    }

    private static string Show(IReadOnlyList<string> values) => values.Count == 1 ? values[0] : $"[{string.Join(", ", values)}]";
}
