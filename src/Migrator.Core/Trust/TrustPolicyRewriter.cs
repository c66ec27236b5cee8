namespace Migrator.Core.Trust;

/// <summary>
/// Pure edits of a role trust policy: a document in, a document out; nothing fetched or written.
/// Unchanged policies come back as the very string given. A change keeps every untouched element (order and
/// values) and the layout of the input; a URL-encoded input comes back decoded. Every result is checked against
/// <see cref="TrustRewriteOptions.SizeLimit"/> before it is returned, so an oversize policy is never written.
/// </summary>
public static class TrustPolicyRewriter
{
    /// <summary>The two ways out when exactly scoped trust does not fit, named wherever the rewrite refuses.</summary>
    public const string SizeFixes =
        "raise the IAM quota \"Role trust policy length\" through Service Quotas and the size limit to match (Planning:TrustSizeLimit, or --size-limit), "
        + "or allow wider scoping for this role's new bindings (Planning:TrustWidening, or --widen: cluster-namespace, cluster or unscoped)";

    /// <summary>
    /// Lets EKS Pod Identity assume the role for the bindings. Idempotent: bindings the policy already lets Pod
    /// Identity use are left as they are. The Migrator's statements are scoped with session-tag conditions to exactly
    /// the bindings (see <see cref="PodIdentityTrustSet"/>). When that does not fit the size limit the rewrite fails,
    /// naming the size, the limit and the fixes, unless <see cref="TrustRewriteOptions.Widest"/> allows a wider scope:
    /// then the new bindings (only they) get the narrowest allowed scope that fits, with a warning, and
    /// <see cref="TrustRewriteResult.Scope"/> says which. Existing statements are never loosened or dropped, so
    /// <see cref="RemovePodIdentityTrust"/> with the same scope gives back the document before.
    /// With <c>Scoped = false</c> one unconditioned statement is written.
    /// </summary>
    public static TrustRewriteResult AddPodIdentityTrust(string document, IReadOnlyList<PodIdentityBinding> bindings, TrustRewriteOptions options)
    {
        if (Parse(document, out var policy) is { } parseError)
            return TrustRewriteResult.Fail(document, parseError);
        if (bindings.Select(b => b.Problem()).FirstOrDefault(p => p is not null) is { } problem)
            return TrustRewriteResult.Fail(document, $"invalid binding: {problem}");
        if (options.Scoped && bindings.Count == 0)
            return TrustRewriteResult.Fail(document, "a scoped Pod Identity statement needs at least one binding (cluster ARN, namespace, service account); pass bindings or ask for the unscoped statement");

        // Verdicts first, without explaining every statement for every binding; the binding a Deny refuses is explained.
        // Each binding's requests are built once for the checks before and after the rewrite.
        var requests = bindings.Select(b => b.ToRequest().ToTrustRequests()).ToList();
        for (var i = 0; i < bindings.Count; i++)
        {
            var b = bindings[i];
            if (!TrustEvaluator.DeniesPodIdentity(policy!, requests[i]))
                continue;
            var decision = TrustEvaluator.EvaluatePodIdentity(policy!, b.ToRequest());
            var deny = decision.AssumeRole.Statements.Concat(decision.TagSession.Statements).First(s => s.Effect == "Deny" && s.Matched);
            return TrustRewriteResult.Fail(document, $"cannot trust {b}: {deny.Explanation}; an added Allow cannot override an explicit Deny");
        }

        var (set, ours) = PodIdentityTrustSet.Decode(policy!);
        var needed = bindings.Where((_, i) => !TrustEvaluator.AllowsPodIdentity(policy!, requests[i])).Distinct().ToList();
        if (options.Scoped ? needed.Count == 0 : HasUnconditionedPodIdentityAllow(policy!))
            return TrustRewriteResult.Unchanged(document);

        var warnings = new List<string>();
        var scopes = options.Scoped
            ? Enum.GetValues<PodIdentityScope>().Where(s => s <= options.Widest).ToArray()
            : [PodIdentityScope.Unscoped];
        if (!options.Scoped)
            warnings.Add("unscoped Pod Identity trust: any EKS Pod Identity association in this account that names the role can use it (wider than the IRSA trust it replaces)");

        var sizes = new List<int>();
        foreach (var scope in scopes)
        {
            // Only the new bindings get this scope; what the Migrator's statements already trust is kept as it is.
            var text = Replace(policy!, ours, set.With(needed, scope));
            var size = TrustPolicySize.Count(text);
            if (size <= options.SizeLimit)
            {
                if (scope != PodIdentityScope.ServiceAccount && options.Scoped)
                    warnings.Add($"the exactly scoped statements would make the policy {sizes[0]} characters, over the limit of {options.SizeLimit}; widened as allowed to {scope.Describe()} for {Display(needed, scope)}, which admits more service accounts than the bindings");
                var check = Verify(text, bindings, requests);
                return check is null
                    ? new TrustRewriteResult { Success = true, Document = text, Changed = true, Warnings = warnings, Size = size, Scope = scope }
                    : TrustRewriteResult.Fail(document, check, warnings);
            }
            sizes.Add(size);
        }
        if (!options.Scoped)
            return TrustRewriteResult.Fail(document, $"the policy would be {sizes[^1]} characters (whitespace not counted), over the limit of {options.SizeLimit}, even with an unscoped Pod Identity statement; raise the IAM quota \"Role trust policy length\" through Service Quotas and the size limit to match, or remove unused statements", warnings);
        var widened = options.Widest == PodIdentityScope.ServiceAccount
            ? "nothing was widened"
            : $"even scoped by {options.Widest.Describe()}, the widest allowed, it would be {sizes[^1]}";
        return TrustRewriteResult.Fail(document,
            $"exactly scoped Pod Identity trust for {needed.Count} binding(s) would make the policy {sizes[0]} characters (whitespace not counted), over the limit of {options.SizeLimit}; {widened}. To go on, {SizeFixes}", warnings);
    }

    /// <summary>
    /// The inverse of <see cref="AddPodIdentityTrust"/> for rollback: removes the bindings' entries from the Migrator's
    /// own statements (Sid MigratorPodIdentity*) at scopes up to <see cref="TrustRewriteOptions.Widest"/> (the scope
    /// they were added at), and drops statements left empty. A widened entry that also admits a binding in
    /// <paramref name="keep"/> stays (with a warning). Statements the Migrator did not write are never touched.
    /// </summary>
    public static TrustRewriteResult RemovePodIdentityTrust(string document, IReadOnlyList<PodIdentityBinding> bindings, TrustRewriteOptions options, IReadOnlyList<PodIdentityBinding>? keep = null)
    {
        if (Parse(document, out var policy) is { } parseError)
            return TrustRewriteResult.Fail(document, parseError);
        if (bindings.Select(b => b.Problem()).FirstOrDefault(p => p is not null) is { } problem)
            return TrustRewriteResult.Fail(document, $"invalid binding: {problem}");
        var (set, ours) = PodIdentityTrustSet.Decode(policy!);
        var kept = (keep ?? []).Except(bindings).ToList();
        var warnings = new List<string>();
        var changed = false;
        foreach (var b in bindings.Distinct())
        {
            var (removed, stayed) = set.Remove(b, options.Widest, kept);
            changed |= removed.Count > 0;
            foreach (var scope in stayed)
                warnings.Add($"{b} stays trusted by the Migrator statement scoped by {scope.Describe()}: {string.Join(", ", kept.Where(k => PodIdentityTrustSet.Covers(b, scope, k)))} still need(s) it");
            foreach (var scope in removed.Where(s => s != PodIdentityScope.ServiceAccount))
                warnings.Add($"{b} was trusted by a widened Migrator statement scoped by {scope.Describe()}; removed it, and with it the trust it gave other service accounts in that scope");
            var wider = Enum.GetValues<PodIdentityScope>().Where(s => s > options.Widest && set.Has(b, s)).ToList();
            if (wider.Count > 0)
                warnings.Add($"{b} is still trusted by a Migrator statement scoped by {wider[0].Describe()}, wider than {options.Widest.Describe()}; remove it with that widening if it was added for this binding");
            else if (removed.Count == 0 && stayed.Count == 0)
                warnings.Add($"{b} is not trusted by a Migrator Pod Identity statement; nothing to remove for it");
        }
        if (!changed)
            return TrustRewriteResult.Unchanged(document, warnings);
        if (set.IsEmpty && ours.Count == policy!.Statements.Count)
            return TrustRewriteResult.Fail(document, "removing these bindings would leave the policy without statements, which IAM rejects; keep one statement or delete the role", warnings);
        var text = Replace(policy!, ours, set);
        return Sized(document, text, options, warnings);
    }

    /// <summary>Removes every Migrator Pod Identity statement (Sid MigratorPodIdentity*), whatever it trusts.</summary>
    public static TrustRewriteResult RemoveAllPodIdentityTrust(string document, TrustRewriteOptions options)
    {
        if (Parse(document, out var policy) is { } parseError)
            return TrustRewriteResult.Fail(document, parseError);
        var (_, ours) = PodIdentityTrustSet.Decode(policy!);
        if (ours.Count == 0)
            return TrustRewriteResult.Unchanged(document, ["the policy has no Migrator Pod Identity statement; nothing to remove"]);
        if (ours.Count == policy!.Statements.Count)
            return TrustRewriteResult.Fail(document, "removing the Migrator Pod Identity statements would leave the policy without statements, which IAM rejects; keep one statement or delete the role");
        var text = Replace(policy, ours, new PodIdentityTrustSet());
        return Sized(document, text, options, [$"removed {ours.Count} Migrator Pod Identity statement(s)"]);
    }

    /// <summary>
    /// Removes exactly one IRSA subject (system:serviceaccount:NS:SA) of one issuer: drops the value from the :sub
    /// condition lists that name it, or the statement when a list is left empty. Never touches another issuer, subject or
    /// statement. Refuses, saying why, when the subject is admitted only through a wildcard or a missing :sub condition
    /// (removing it would also remove others) or when a statement to drop also trusts other principals.
    /// </summary>
    public static TrustRewriteResult RemoveIrsaSubject(string document, string issuer, string @namespace, string serviceAccount, TrustRewriteOptions options)
    {
        if (Parse(document, out var policy) is { } parseError)
            return TrustRewriteResult.Fail(document, parseError);
        var removal = IrsaSubjectRemoval.Apply(policy!, Issuer.Normalize(issuer), @namespace, serviceAccount);
        if (removal.Error is not null)
            return TrustRewriteResult.Fail(document, removal.Error, removal.Warnings);
        if (removal.Text is null)
            return TrustRewriteResult.Unchanged(document, removal.Warnings);
        return Sized(document, removal.Text, options, removal.Warnings);
    }

    /// <summary>What the new entries at a scope trust, for people: "blue/prod" for cluster and namespace, and so on.</summary>
    internal static string Display(IEnumerable<PodIdentityBinding> bindings, PodIdentityScope scope) => scope switch
    {
        PodIdentityScope.Namespace => string.Join(", ", bindings.Select(b => $"cluster {b.ClusterName} / namespace {b.Namespace}").Distinct(StringComparer.Ordinal)),
        PodIdentityScope.Cluster => string.Join(", ", bindings.Select(b => $"cluster {b.ClusterName}").Distinct(StringComparer.Ordinal)),
        PodIdentityScope.Unscoped => "every association in the account",
        _ => string.Join(", ", bindings.Select(b => b.ToString())),
    };

    private static bool HasUnconditionedPodIdentityAllow(TrustPolicy policy) =>
        policy.Statements.Any(s => s.Effect == PolicyEffect.Allow && s.Conditions.Count == 0
            && TrustEvaluator.PrincipalApplies(s, "Service", PodIdentityRequest.ServicePrincipal)
            && TrustEvaluator.ActionApplies(s, PodIdentityRequest.AssumeRole)
            && TrustEvaluator.ActionApplies(s, PodIdentityRequest.TagSession));

    /// <summary>Replaces the Migrator's statements with those for <paramref name="set"/>, at the place of the first one.</summary>
    private static string Replace(TrustPolicy policy, List<int> ours, PodIdentityTrustSet set)
    {
        var edit = new PolicyEdit(policy);
        var at = ours.Count > 0 ? ours[0] - 1 : edit.Statements.Count;
        foreach (var number in ours.OrderDescending())
            edit.Statements.RemoveAt(number - 1);
        var taken = policy.Statements.Where(s => !ours.Contains(s.Number) && s.Sid is not null).Select(s => s.Sid!).ToHashSet(StringComparer.Ordinal);
        edit.Statements.InsertRange(Math.Min(at, edit.Statements.Count), set.ToStatements(taken));
        return edit.Write();
    }

    private static string? Verify(string text, IReadOnlyList<PodIdentityBinding> bindings, List<PodIdentityRequests> requests)
    {
        var parsed = TrustPolicyParser.Parse(text);
        if (!parsed.Success)
            return $"the rewritten policy would not be valid: {parsed.Errors[0]}";
        var missing = requests.FindIndex(r => !TrustEvaluator.AllowsPodIdentity(parsed.Policy!, r));
        return missing < 0 ? null : $"the rewritten policy still does not let Pod Identity assume the role: {TrustEvaluator.EvaluatePodIdentity(parsed.Policy!, bindings[missing].ToRequest()).Summary}";
    }

    private static TrustRewriteResult Sized(string original, string text, TrustRewriteOptions options, List<string> warnings)
    {
        var size = TrustPolicySize.Count(text);
        if (size > options.SizeLimit)
            return TrustRewriteResult.Fail(original, $"the rewritten policy would be {size} characters (whitespace not counted), over the limit of {options.SizeLimit}", warnings);
        return new TrustRewriteResult { Success = true, Document = text, Changed = true, Warnings = warnings, Size = size };
    }

    private static string? Parse(string document, out TrustPolicy? policy)
    {
        var parsed = TrustPolicyParser.Parse(document);
        policy = parsed.Policy;
        return parsed.Success ? null : $"the policy is not valid: {string.Join("; ", parsed.Errors)}";
    }
}
