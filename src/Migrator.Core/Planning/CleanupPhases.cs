using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Text;
using Migrator.Core.Trust;

namespace Migrator.Core.Planning;

/// <summary>
/// One cleanup per migration phase, after the soak: remove the IRSA annotations, then this cluster's subject for this
/// ServiceAccount — and only once no other IRSA user of the role remains on that issuer. eksctl's
/// --remove-oidc-provider-trust-relationship strips every OIDC statement, other clusters' included: we never do.
/// Built lazily, phase after phase (the plan is stored as it is built): each needs only the migration phases' bindings.
/// </summary>
internal static class CleanupPhases
{
    /// <summary>
    /// Every IRSA user of the <paramref name="planned"/> roles on an issuer, as the inventory saw it (not only the
    /// bindings we migrate): taken when the plan is decided, so the snapshot's ServiceAccounts need not stay until the
    /// cleanups are built. Roles the plan does not touch are left out: no cleanup asks about them.
    /// </summary>
    public static IReadOnlyDictionary<(string Role, string Issuer), IReadOnlyList<BindingKey>> IrsaUsers(
        IEnumerable<(BindingKey Key, string RoleArn)> irsa, IReadOnlyDictionary<ClusterRef, string?> issuers, IReadOnlySet<string> planned) =>
        irsa
            .Where(sa => planned.Contains(sa.RoleArn))
            .Select(sa => (sa.RoleArn, Issuer: issuers.GetValueOrDefault(sa.Key.Cluster), sa.Key))
            .Where(u => u.Issuer is not null)
            .GroupBy(u => (u.RoleArn, u.Issuer!))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<BindingKey>)g.Select(u => u.Key).Distinct().ToArray());

    public static IEnumerable<Phase> Build(IReadOnlyList<Phase> migrationPhases, int firstNumber, IReadOnlyDictionary<(string Role, string Issuer), IReadOnlyList<BindingKey>> users,
        IReadOnlyDictionary<string, CompactText> trustPolicies, TimeSpan soak)
    {
        var covered = new HashSet<BindingKey>();
        // A role's non-exact subjects, parsed once per role (a 20,000-binding plan would parse each trust policy once per binding).
        var wildcards = new Dictionary<string, IReadOnlyList<TrustedSubject>>(StringComparer.Ordinal);
        var deferred = new Dictionary<(string Role, string Issuer), List<PlannedBinding>>();
        var number = firstNumber;
        foreach (var source in migrationPhases)
        {
            var p = $"p{number}";
            var steps = new List<PlanStep>();
            var notes = new List<string>();
            foreach (var b in source.Bindings.OrderBy(b => b.Key, BindingKeyTextOrder.Instance))
            {
                covered.Add(b.Key);
                if (b.OwningAddon is null)
                    steps.Add(new RemoveIrsaAnnotationsStep { Id = $"{p}/annotations/{b.Key}", Cluster = b.Key.Cluster, Binding = b.Key, RoleArn = b.RoleArn });
                else
                    notes.Add($"{b.Key.Display}: owned by add-on {b.OwningAddon}; clear its serviceAccountRoleArn through the add-on API, not kubectl");
                if (b.Issuer is null)
                {
                    notes.Add($"{b.Key.Display}: cluster issuer unknown; its IRSA trust subject is left in place");
                    continue;
                }
                var group = (b.RoleArn, b.Issuer);
                if (!deferred.TryGetValue(group, out var list))
                    deferred[group] = list = [];
                list.Add(b);
            }
            var inSource = source.Bindings.Select(b => b.Key).ToHashSet();
            foreach (var ((role, issuer), list) in deferred.OrderBy(d => d.Key.Role, StringComparer.Ordinal).ThenBy(d => d.Key.Issuer, StringComparer.Ordinal).ToList())
            {
                if (!list.Any(b => inSource.Contains(b.Key)))
                    continue;
                var others = users.TryGetValue((role, issuer), out var u) ? u.Where(k => !covered.Contains(k)).ToList() : [];
                if (others.Count > 0)
                {
                    notes.Add($"trust subject(s) of {string.Join(", ", list.Select(b => b.Key.Display))} on {issuer} kept in {role}: other IRSA user(s) {string.Join(", ", others.Select(k => k.Display))} remain on that issuer");
                    continue;
                }
                foreach (var b in list.OrderBy(b => b.Key, BindingKeyTextOrder.Instance))
                {
                    if (WildcardFor(wildcards, trustPolicies, role, issuer, b.Key) is { } wildcard)
                    {
                        notes.Add($"{b.Key.Display}: its IRSA subject on {issuer} in {role} is admitted through the wildcard \"{wildcard}\", which other service accounts may rely on: left in place; narrow it by hand");
                        continue;
                    }
                    steps.Add(new RemoveIrsaTrustSubjectStep
                    {
                        Id = $"{p}/subject/{b.Key}",
                        Cluster = b.Key.Cluster,
                        Binding = b.Key,
                        RoleArn = role,
                        Issuer = issuer,
                    });
                }
                deferred.Remove((role, issuer));
            }
            yield return new Phase
            {
                Number = number,
                Kind = PhaseKind.Cleanup,
                Title = $"P{number} cleanup of P{source.Number} after a soak of {soak}",
                Bindings = source.Bindings,
                Steps = steps,
                CleanupOf = source.Number,
                Soak = soak,
                Notes = notes,
            };
            number++;
        }
    }

    /// <summary>The non-exact subject pattern through which the trust admits this binding on this issuer, if any.</summary>
    private static string? WildcardFor(Dictionary<string, IReadOnlyList<TrustedSubject>> cache, IReadOnlyDictionary<string, CompactText> trustPolicies, string role, string issuer, BindingKey key)
    {
        if (!cache.TryGetValue(role, out var subjects))
        {
            subjects = trustPolicies.TryGetValue(role, out var text) && TrustPolicyParser.Parse(text.ToString()) is { Success: true, Policy: { } policy }
                ? TrustedSubjects.Of(policy).Where(s => s.Kind is TrustedSubjectKind.NamespaceWildcard or TrustedSubjectKind.AnyServiceAccount or TrustedSubjectKind.Pattern).ToList()
                : [];
            cache[role] = subjects;
        }
        return subjects
            .Where(s => Issuer.Normalize(s.Issuer) == Issuer.Normalize(issuer) && (s.Namespace is null || s.Namespace == key.Namespace))
            .Select(s => s.Pattern)
            .FirstOrDefault();
    }
}
