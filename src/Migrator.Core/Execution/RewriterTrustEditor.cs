using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution;

/// <summary>The executor's trust edits, done by the trust engine's <see cref="TrustPolicyRewriter"/> with the plan's options.</summary>
public sealed class RewriterTrustEditor(TrustRewriteOptions options) : ITrustDocumentEditor
{
    public TrustEdit AddPodIdentity(string document, IReadOnlyList<BindingKey> bindings, PodIdentityScope approved) =>
        Map(TrustPolicyRewriter.AddPodIdentityTrust(document, TrustScoping.Bindings(bindings), options with { Widest = approved }));

    public TrustEdit RemovePodIdentity(string document, IReadOnlyList<BindingKey> bindings, PodIdentityScope added, IReadOnlyList<BindingKey> keep) =>
        Map(TrustPolicyRewriter.RemovePodIdentityTrust(document, TrustScoping.Bindings(bindings), options with { Widest = added }, TrustScoping.Bindings(keep)));

    public TrustEdit RemoveIrsaSubject(string document, string issuer, string @namespace, string serviceAccount) =>
        Map(TrustPolicyRewriter.RemoveIrsaSubject(document, issuer, @namespace, serviceAccount, options));

    /// <summary>The editor for a plan: scoping and size limit as the plan was made with (the scope comes from each step).</summary>
    public static RewriterTrustEditor For(MigrationPlan plan) => new(TrustScoping.Options(plan.Settings));

    private static TrustEdit Map(TrustRewriteResult r) => new(r.Success, r.Document, r.Changed, r.Warnings, r.Error, r.Scope);
}
