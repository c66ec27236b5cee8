using Migrator.Core.Inventory;

namespace Migrator.Core.Evidence;

/// <summary>The uses of an inventory's identities, and a note for each sweep that stopped at its page budget.</summary>
public sealed record UsageEvidence(IReadOnlyList<IdentityUsage> Usage, IReadOnlyList<CollectionNote> Notes);
