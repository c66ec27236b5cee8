using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class OidcProviderRow : SnapshotRow
{
    public string AccountId { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Url { get; set; } = "";
    public string ClientIds { get; set; } = "[]";
    public string Thumbprints { get; set; } = "[]";

    public static OidcProviderRow From(OidcProviderRecord p) => new()
    {
        AccountId = p.AccountId,
        Arn = p.Arn,
        Url = p.Url,
        ClientIds = StorageFormat.ToJson(p.ClientIds),
        Thumbprints = StorageFormat.ToJson(p.Thumbprints),
    };

    public OidcProviderRecord ToRecord() => new()
    {
        AccountId = AccountId,
        Arn = Arn,
        Url = Url,
        ClientIds = StorageFormat.List(ClientIds),
        Thumbprints = StorageFormat.List(Thumbprints),
    };
}
