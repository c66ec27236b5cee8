namespace Migrator.Core.Trust;

/// <summary>
/// Decides role-assumption requests against a trust policy the way IAM does (IAM user guide, "Policy evaluation
/// logic"): an explicit Deny that applies wins; otherwise the request is allowed only if an Allow applies; a statement
/// applies when its principal, its action and every one of its conditions match. Each statement's part is explained.
/// </summary>
public static class TrustEvaluator
{
    public static TrustDecision Evaluate(TrustPolicy policy, TrustRequest request)
    {
        var explanations = policy.Statements.Select(s => Explain(s, request)).ToList();
        var denies = policy.Statements.Where((s, i) => s.Effect == PolicyEffect.Deny && explanations[i].Matched).ToList();
        var allows = policy.Statements.Where((s, i) => s.Effect == PolicyEffect.Allow && explanations[i].Matched).ToList();
        string summary;
        if (denies.Count > 0)
            summary = $"denied: {string.Join(", ", denies.Select(d => d.Label))} explicitly {(denies.Count == 1 ? "denies" : "deny")} {request.Action} (an explicit Deny overrides every Allow)";
        else if (allows.Count > 0)
            summary = $"allowed by {string.Join(", ", allows.Select(a => a.Label))}";
        else
            summary = $"denied: no statement allows {request.Action} for {request.PrincipalType} {request.Principal} (implicit deny)";
        return new TrustDecision
        {
            Request = request,
            Allowed = denies.Count == 0 && allows.Count > 0,
            Statements = explanations,
            Summary = summary,
        };
    }

    /// <summary>
    /// <see cref="Evaluate"/>'s verdict alone, without explaining each statement: for callers that decide many requests
    /// and explain only the one that fails (the planner rewrites thousands of trust policies).
    /// </summary>
    public static bool Allows(TrustPolicy policy, TrustRequest request)
    {
        var allowed = false;
        foreach (var s in policy.Statements)
        {
            if (!Matches(s, request)) continue;
            if (s.Effect == PolicyEffect.Deny) return false;
            allowed = true;
        }
        return allowed;
    }

    /// <summary>Whether some Deny statement applies to the request (<see cref="Evaluate"/> would name it).</summary>
    public static bool DeniesExplicitly(TrustPolicy policy, TrustRequest request) =>
        policy.Statements.Any(s => s.Effect == PolicyEffect.Deny && Matches(s, request));

    /// <summary><see cref="EvaluatePodIdentity"/>'s verdict alone: both sts:AssumeRole and sts:TagSession allowed.</summary>
    public static bool AllowsPodIdentity(TrustPolicy policy, PodIdentityRequest request) => AllowsPodIdentity(policy, request.ToTrustRequests());

    /// <summary>As above for requests built once (<see cref="PodIdentityRequest.ToTrustRequests"/>).</summary>
    public static bool AllowsPodIdentity(TrustPolicy policy, PodIdentityRequests requests) =>
        Allows(policy, requests.AssumeRole) && Allows(policy, requests.TagSession);

    /// <summary>Whether a Deny statement applies to either of Pod Identity's actions.</summary>
    public static bool DeniesPodIdentity(TrustPolicy policy, PodIdentityRequest request) => DeniesPodIdentity(policy, request.ToTrustRequests());

    /// <summary>As above for requests built once (<see cref="PodIdentityRequest.ToTrustRequests"/>).</summary>
    public static bool DeniesPodIdentity(TrustPolicy policy, PodIdentityRequests requests) =>
        DeniesExplicitly(policy, requests.AssumeRole) || DeniesExplicitly(policy, requests.TagSession);

    /// <summary>A statement applies: its principal, its action and every condition match (what <see cref="Explain"/> calls Matched).</summary>
    private static bool Matches(TrustStatement s, TrustRequest request) =>
        PrincipalApplies(s, request.PrincipalType, request.Principal)
        && ActionApplies(s, request.Action)
        && s.Conditions.All(c => ConditionEvaluator.Holds(c, request.Context));

    public static IrsaDecision EvaluateIrsa(TrustPolicy policy, IrsaRequest request)
    {
        var decision = Evaluate(policy, request.ToTrustRequest());
        var who = $"{request.Subject} (issuer {request.NormalizedIssuer}, audience {request.Audience})";
        return new IrsaDecision
        {
            Request = request,
            Allowed = decision.Allowed,
            Statements = decision.Statements,
            Summary = $"{who}: {decision.Summary}",
        };
    }

    public static PodIdentityDecision EvaluatePodIdentity(TrustPolicy policy, PodIdentityRequest request)
    {
        var assume = Evaluate(policy, request.ToTrustRequest(PodIdentityRequest.AssumeRole));
        var tag = Evaluate(policy, request.ToTrustRequest(PodIdentityRequest.TagSession));
        var binding = $"{request.ClusterName}/{request.Namespace}/{request.ServiceAccount}";
        var summary = (assume.Allowed, tag.Allowed) switch
        {
            (true, true) => $"Pod Identity ready for {binding}: sts:AssumeRole {assume.Summary}; sts:TagSession {tag.Summary}",
            (false, true) => $"not ready for {binding}: sts:AssumeRole is {assume.Summary}",
            (true, false) => $"not ready for {binding}: sts:TagSession is {tag.Summary} (Pod Identity passes session tags, so it needs sts:TagSession too)",
            _ => $"not ready for {binding}: sts:AssumeRole is {assume.Summary}; sts:TagSession is {tag.Summary}",
        };
        return new PodIdentityDecision
        {
            Request = request,
            Allowed = assume.Allowed && tag.Allowed,
            Summary = summary,
            AssumeRole = assume,
            TagSession = tag,
        };
    }

    /// <summary>
    /// Whether the policy trusts pods.eks.amazonaws.com for both sts:AssumeRole and sts:TagSession in some statement
    /// (its conditions may still scope which associations), with no unconditional Deny of either.
    /// </summary>
    public static bool TrustsPodIdentity(TrustPolicy policy)
    {
        bool Covers(TrustStatement s, string action) =>
            PrincipalApplies(s, "Service", PodIdentityRequest.ServicePrincipal) && ActionApplies(s, action);
        var allowed = policy.Statements.Any(s => s.Effect == PolicyEffect.Allow
            && Covers(s, PodIdentityRequest.AssumeRole) && Covers(s, PodIdentityRequest.TagSession));
        var denied = policy.Statements.Any(s => s.Effect == PolicyEffect.Deny && s.Conditions.Count == 0
            && (Covers(s, PodIdentityRequest.AssumeRole) || Covers(s, PodIdentityRequest.TagSession)));
        return allowed && !denied;
    }

    /// <summary>Action matching is case-insensitive, with * and ? wildcards (IAM user guide, "Action").</summary>
    public static bool ActionMatches(string pattern, string action) => WildcardPattern.IsMatch(pattern, action, ignoreCase: true);

    public static bool PrincipalApplies(TrustStatement s, string type, string principal) =>
        s.IsNotPrincipal ? !s.Principals.Names(type, principal) : s.Principals.Names(type, principal);

    public static bool ActionApplies(TrustStatement s, string action)
    {
        var listed = s.Actions.Any(a => ActionMatches(a, action));
        return s.IsNotAction ? !listed : listed;
    }

    internal static StatementExplanation Explain(TrustStatement s, TrustRequest request)
    {
        var effect = s.Effect.ToString();
        StatementExplanation Result(bool matched, string text) => new(s.Number, s.Sid, effect, matched, text);

        if (!PrincipalApplies(s, request.PrincipalType, request.Principal))
        {
            return Result(false, s.IsNotPrincipal
                ? $"{s.Label} does not apply: its NotPrincipal excludes {request.PrincipalType} {request.Principal}"
                : $"{s.Label} does not apply: it trusts {s.Principals} but the request comes from {request.PrincipalType} {request.Principal}");
        }
        if (!ActionApplies(s, request.Action))
        {
            return Result(false, s.IsNotAction
                ? $"{s.Label} does not apply: its NotAction [{string.Join(", ", s.Actions)}] excludes {request.Action}"
                : $"{s.Label} does not apply: it covers actions [{string.Join(", ", s.Actions)}] but the request is {request.Action}");
        }
        var outcomes = s.Conditions.Select(c => ConditionEvaluator.Evaluate(c, request.Context)).ToList();
        var failed = outcomes.Where(o => !o.Holds).ToList();
        if (failed.Count > 0)
            return Result(false, $"{s.Label} does not apply: {string.Join("; and ", failed.Select(f => f.Explanation))}");
        var verb = s.Effect == PolicyEffect.Allow ? "allows" : "denies";
        var why = s.Conditions.Count == 0
            ? "principal and action match and it has no conditions"
            : $"principal, action and all {s.Conditions.Count} condition{(s.Conditions.Count == 1 ? "" : "s")} match";
        return Result(true, $"{s.Label} {verb} {request.Action}: {why}");
    }
}
