using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>
/// Removes one IRSA subject of one issuer from a trust policy. Only literal values equal to the subject are removed
/// from positive string conditions on ISSUER:sub (StringEquals, StringEqualsIgnoreCase, StringLike, with or without
/// IfExists or a set prefix); a statement whose list becomes empty is dropped. The result is checked with the
/// evaluator: the subject must be denied afterwards, and every other subject the policy names keeps its decision.
/// </summary>
internal static class IrsaSubjectRemoval
{
    public sealed record Outcome(string? Text, string? Error, List<string> Warnings);

    public static Outcome Apply(TrustPolicy policy, string issuer, string @namespace, string serviceAccount)
    {
        var subject = $"system:serviceaccount:{@namespace}:{serviceAccount}";
        var subKey = $"{issuer}:sub";
        var notes = new List<string>();
        var probes = Probes(policy, issuer, subject);
        if (probes.Count == 0)
            return new Outcome(null, null, [$"no statement trusts an OIDC provider for issuer {issuer}; nothing to remove"]);

        var admitting = policy.Statements
            .Where(s => s.Effect == PolicyEffect.Allow && probes.Any(p => TrustEvaluator.Explain(s, p).Matched))
            .ToList();
        if (admitting.Count == 0)
            return new Outcome(null, null, [$"{subject} is not trusted for issuer {issuer}; nothing to remove"]);
        // An explicit Deny already wins over every Allow that names the subject (IAM policy evaluation logic): the
        // subject cannot use IRSA, which is what removing it is for; nothing to change.
        var decisions = probes.Select(p => TrustEvaluator.Evaluate(policy, p)).ToList();
        if (decisions.All(d => !d.Allowed))
        {
            var denying = policy.Statements.Where(s => s.Effect == PolicyEffect.Deny && probes.Any(p => TrustEvaluator.Explain(s, p).Matched)).Select(s => s.Label).ToList();
            return new Outcome(null, null, [$"{subject} is already denied for issuer {issuer} by {(denying.Count > 0 ? string.Join(", ", denying) : "an explicit Deny")}; nothing to remove"]);
        }

        var edit = new PolicyEdit(policy);
        var drop = new List<TrustStatement>();
        foreach (var s in admitting)
        {
            var emptied = RemoveValues(edit.Statement(s.Number), subKey, subject, out var removedAny);
            if (emptied)
            {
                var others = OtherPrincipals(s, issuer);
                if (others.Count > 0)
                    return Refuse($"{s.Label} trusts only {subject} for issuer {issuer}, but it also names {string.Join(", ", others)}; dropping it would remove their trust too. Split that statement by hand first.");
                drop.Add(s);
            }
            else if (removedAny)
            {
                notes.Add($"removed {subject} from the {subKey} condition of {s.Label}");
            }
        }

        foreach (var s in drop.OrderByDescending(s => s.Number))
        {
            edit.Statements.RemoveAt(s.Number - 1);
            notes.Add($"dropped {s.Label}: it trusted only {subject} for issuer {issuer}");
        }
        if (edit.Statements.Count == 0)
            return Refuse($"removing {subject} would leave the policy without statements, which IAM rejects; add the Pod Identity statement first or delete the role");

        // Statements that still admit the subject after their literal values went: only a wildcard or no :sub condition lets it in.
        var text = edit.Write();
        var after = TrustPolicyParser.Parse(text);
        if (!after.Success)
            return Refuse($"internal error: the edited policy is not valid ({after.Errors[0]})");
        foreach (var s in admitting.Where(s => !drop.Contains(s)))
        {
            var edited = after.Policy!.Statements[s.Number - 1 - drop.Count(d => d.Number < s.Number)];
            if (probes.Any(p => TrustEvaluator.Explain(edited, p).Matched))
                return Refuse(WhyStillAdmitted(edited, subKey, subject, issuer));
        }
        var stillAllowed = probes.Select(p => TrustEvaluator.Evaluate(after.Policy!, p)).FirstOrDefault(d => d.Allowed);
        if (stillAllowed is not null)
            return Refuse($"{subject} would still be allowed: {stillAllowed.Summary}");
        foreach (var probe in OtherProbes(policy, issuer, subject))
        {
            var before = TrustEvaluator.Evaluate(policy, probe).Allowed;
            var now = TrustEvaluator.Evaluate(after.Policy!, probe).Allowed;
            if (before != now)
                return Refuse($"safety check: the edit would change the decision for {probe.Context.Keys.First().Value[0]} ({probe.Principal}); edit by hand");
        }
        return new Outcome(text, null, notes);

        Outcome Refuse(string reason) => new(null, $"cannot remove {subject} for issuer {issuer}: {reason}", notes);
    }

    /// <summary>Removes literal values equal to the subject; true when some clause's value list became empty.</summary>
    private static bool RemoveValues(PolicyObject statement, string subKey, string subject, out bool removedAny)
    {
        removedAny = false;
        var emptied = false;
        if (statement["Condition"] is not PolicyObject condition)
            return false;
        foreach (var opProp in condition.Properties)
        {
            var op = ConditionOperator.TryParse(opProp.Name, out _);
            if (op is null || op.IsNegated || op.Kind is not (ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringLike))
                continue;
            if (opProp.Value is not PolicyObject keys)
                continue;
            var comparison = op.Kind == ConditionOperatorKind.StringEqualsIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            bool Literal(PolicyNode n) => n is PolicyString t && string.Equals(t.Value, subject, comparison);
            foreach (var keyProp in keys.Properties.Where(k => string.Equals(k.Name, subKey, StringComparison.OrdinalIgnoreCase)))
            {
                if (keyProp.Value is PolicyArray list && list.Items.Any(Literal))
                {
                    list.Items.RemoveAll(Literal);
                    removedAny = true;
                    emptied |= list.Items.Count == 0;
                    // Changed nodes lose their source text so the writer writes them anew (ancestors included).
                    list.Source = keys.Source = condition.Source = statement.Source = null;
                }
                else if (Literal(keyProp.Value))
                {
                    removedAny = true;
                    emptied = true;
                }
            }
        }
        return emptied;
    }

    private static string WhyStillAdmitted(TrustStatement s, string subKey, string subject, string issuer)
    {
        var subs = s.Conditions.Where(c => string.Equals(c.Key, subKey, StringComparison.OrdinalIgnoreCase)).ToList();
        var positive = subs.Where(c => !c.Operator.IsNegated && c.Operator.Kind != ConditionOperatorKind.Null).ToList();
        if (positive.Count == 0)
            return $"{s.Label} has no condition on {subKey}, so it trusts every subject of issuer {issuer}; add a {subKey} condition listing the service accounts that keep IRSA, then remove this one";
        var wildcards = positive.Where(c => c.Operator.Kind is ConditionOperatorKind.StringLike)
            .SelectMany(c => c.Values).Where(v => WildcardPattern.HasWildcard(v) && WildcardPattern.IsMatch(v, subject)).ToList();
        if (wildcards.Count > 0)
            return $"{s.Label} admits {subject} through the wildcard {string.Join(", ", wildcards.Select(w => $"\"{w}\""))}, which also admits other service accounts; replace it with the exact service accounts that keep IRSA, then remove this one";
        return $"{s.Label} still admits {subject} through its conditions ({string.Join("; ", subs)}); edit it by hand";
    }

    /// <summary>Principals of the statement other than this issuer's OIDC providers.</summary>
    private static List<string> OtherPrincipals(TrustStatement s, string issuer)
    {
        if (s.Principals.IsEveryone)
            return ["every principal (\"*\")"];
        return s.Principals.ByType
            .SelectMany(kv => kv.Value.Select(v => (Type: kv.Key, Value: v)))
            .Where(p => !(p.Type == "Federated" && Issuer.FromProviderArn(p.Value)?.Issuer == issuer))
            .Select(p => $"{p.Type} {p.Value}")
            .ToList();
    }

    /// <summary>Requests the subject makes: each provider ARN of the issuer × each audience the policy names (plus the default).</summary>
    private static List<TrustRequest> Probes(TrustPolicy policy, string issuer, string subject) =>
        Requests(policy, issuer, [subject]);

    /// <summary>Requests of every other literal subject the policy names, for any issuer.</summary>
    private static IEnumerable<TrustRequest> OtherProbes(TrustPolicy policy, string issuer, string subject)
    {
        var byIssuer = TrustedSubjects.Of(policy)
            .Where(t => !WildcardPattern.HasWildcard(t.Pattern) && !(t.Issuer == issuer && t.Pattern == subject))
            .GroupBy(t => t.Issuer, StringComparer.Ordinal);
        foreach (var group in byIssuer)
        {
            foreach (var request in Requests(policy, group.Key, group.Select(t => t.Pattern).Distinct(StringComparer.Ordinal).ToList()))
                yield return request;
        }
    }

    private static List<TrustRequest> Requests(TrustPolicy policy, string issuer, IReadOnlyList<string> subjects)
    {
        var providers = policy.Statements.SelectMany(s => s.Principals.Of("Federated"))
            .Where(v => Issuer.FromProviderArn(v)?.Issuer == issuer).Distinct(StringComparer.Ordinal).ToList();
        var audiences = policy.Statements.SelectMany(s => TrustedSubjects.Clauses(s, issuer, "aud"))
            .Where(c => !c.Operator.IsNegated).SelectMany(c => c.Values).Where(v => !WildcardPattern.HasWildcard(v))
            .Append("sts.amazonaws.com").Distinct(StringComparer.Ordinal).ToList();
        return (from provider in providers
                from sub in subjects
                from aud in audiences
                select new TrustRequest("Federated", provider, IrsaRequest.Action,
                    new RequestContext().Set($"{issuer}:sub", sub).Set($"{issuer}:aud", aud))).ToList();
    }
}
