using Migrator.Core.Inventory;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution;

/// <summary>
/// The pure trust-policy rewrites the executor needs (document in, document out). Implemented over the trust
/// engine's TrustPolicyRewriter; a seam so the executor does not depend on how statements are shaped.
/// </summary>
public interface ITrustDocumentEditor
{
    /// <summary>Adds Pod Identity trust for the bindings, never scoped wider than <paramref name="approved"/> (the plan's scope).</summary>
    TrustEdit AddPodIdentity(string document, IReadOnlyList<BindingKey> bindings, PodIdentityScope approved);
    /// <summary>
    /// Removes the bindings' Pod Identity trust added at scopes up to <paramref name="added"/>; a widened statement that
    /// also trusts a binding in <paramref name="keep"/> stays.
    /// </summary>
    TrustEdit RemovePodIdentity(string document, IReadOnlyList<BindingKey> bindings, PodIdentityScope added, IReadOnlyList<BindingKey> keep);
    /// <summary>Removes system:serviceaccount:NS:SA of this issuer only; other issuers and subjects untouched.</summary>
    TrustEdit RemoveIrsaSubject(string document, string issuer, string @namespace, string serviceAccount);
}

/// <summary>A rewrite's outcome; <see cref="Scope"/> is the scope an add wrote the new bindings at.</summary>
public sealed record TrustEdit(bool Success, string Document, bool Changed, IReadOnlyList<string> Warnings, string? Error, PodIdentityScope? Scope = null);
