namespace Migrator.Core.Evidence;

/// <summary>
/// What one sweep (one account, region and kind) read: its uses, newest first, and whether it stopped at its page budget
/// before the window's start. A stopped sweep covers <see cref="CoveredFrom"/> .. the window's end only.
/// </summary>
/// <param name="Uses">The uses read, newest first.</param>
/// <param name="Pages">The pages (calls) it took.</param>
/// <param name="CoveredFrom">The start of the time it read whole: the window's start, or the oldest event read when it stopped early.</param>
/// <param name="Stopped">True when it stopped at its page budget with older events left unread.</param>
public sealed record CredentialUseSweep(IReadOnlyList<CredentialUse> Uses, int Pages, DateTimeOffset CoveredFrom, bool Stopped);
