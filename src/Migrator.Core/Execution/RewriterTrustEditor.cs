using Migrator.Core.Inventory;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution;

/// <summary>The executor's trust edits, done by the trust engine's <see cref="TrustPolicyRewriter"/> with the plan's options.</summary>
public sealed class RewriterTrustEditor(TrustRewriteOptions options) : ITrustDocumentEditor
{
    public TrustEdit AddPodIdentity(string document, IReadOnlyList<BindingKey> bindings) =>
        Map(TrustPolicyRewriter.AddPodIdentityTrust(document, Bindings(bindings), options));

    public TrustEdit RemovePodIdentity(string document, IReadOnlyList<BindingKey> bindings) =>
        Map(TrustPolicyRewriter.RemovePodIdentityTrust(document, Bindings(bindings), options));

    public TrustEdit RemoveIrsaSubject(string document, string issuer, string @namespace, string serviceAccount) =>
        Map(TrustPolicyRewriter.RemoveIrsaSubject(document, issuer, @namespace, serviceAccount, options));

    /// <summary>The editor for a plan: scoping and size limit as the plan was made with.</summary>
    public static RewriterTrustEditor For(Planning.MigrationPlan plan) =>
        new(new TrustRewriteOptions { Scoped = plan.Settings.ScopedTrust, SizeLimit = plan.Settings.TrustSizeLimit });

    private static List<PodIdentityBinding> Bindings(IReadOnlyList<BindingKey> keys) =>
        keys.Select(k => new PodIdentityBinding(k.Cluster.Arn, k.Namespace, k.ServiceAccount)).ToList();

    private static TrustEdit Map(TrustRewriteResult r) => new(r.Success, r.Document, r.Changed, r.Warnings, r.Error);
}
