using Migrator.Core.Inventory;

namespace Migrator.Core.Execution;

/// <summary>
/// The pure trust-policy rewrites the executor needs (document in, document out). Implemented over the trust
/// engine's TrustPolicyRewriter; a seam so the executor does not depend on how statements are shaped.
/// </summary>
public interface ITrustDocumentEditor
{
    TrustEdit AddPodIdentity(string document, IReadOnlyList<BindingKey> bindings);
    TrustEdit RemovePodIdentity(string document, IReadOnlyList<BindingKey> bindings);
    /// <summary>Removes system:serviceaccount:NS:SA of this issuer only; other issuers and subjects untouched.</summary>
    TrustEdit RemoveIrsaSubject(string document, string issuer, string @namespace, string serviceAccount);
}

public sealed record TrustEdit(bool Success, string Document, bool Changed, IReadOnlyList<string> Warnings, string? Error);
