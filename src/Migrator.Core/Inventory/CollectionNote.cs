namespace Migrator.Core.Inventory;

/// <summary>
/// Something worth knowing about how a run collected, that lost no data: e.g. IAM GetAccountAuthorizationDetails denied
/// in an account, so its roles were read with GetRole one by one. Unlike a <see cref="CollectionError"/> it does not make
/// the run Partial.
/// </summary>
public sealed record CollectionNote(string Scope, string Target, string Operation, string Message);
