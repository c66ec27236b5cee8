namespace Migrator.Sandbox;

/// <summary>Size and seed of a generated estate. The same options always give a byte-identical estate file.</summary>
public sealed class GeneratorOptions
{
    public int Clusters { get; set; } = 8;
    /// <summary>Application ServiceAccounts across all clusters (add-on and default ServiceAccounts come on top).</summary>
    public int ServiceAccounts { get; set; } = 200;
    public int Seed { get; set; } = 1;
    /// <summary>Commercial-partition accounts (a China account is added when the China cluster fits); default from the cluster count.</summary>
    public int? Accounts { get; set; }
}
