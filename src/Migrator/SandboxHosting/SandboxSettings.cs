using Migrator.Sandbox;

namespace Migrator.SandboxHosting;

/// <summary>Section "Sandbox": what `--sandbox` serves and where it keeps the rehearsal's state between commands.</summary>
public sealed class SandboxSettings
{
    public const string Section = "Sandbox";

    /// <summary>
    /// The live estate is saved here when a command ends and loaded by the next one, so a rehearsal (plan, approve,
    /// phase run, rollback) spans several commands. `migrator sandbox reset` deletes it.
    /// </summary>
    public string StateFile { get; set; } = ".sandbox/state.json";

    /// <summary>The state database used with --sandbox (kept apart from a real estate's database) unless --db is given.</summary>
    public string Database { get; set; } = ".sandbox/migrator.db";

    /// <summary>Size and seed of the generated estate when there is neither --estate nor a saved state.</summary>
    public GeneratorOptions Generate { get; set; } = new() { Clusters = 6, ServiceAccounts = 120, Seed = 42 };

    public RealismOptions Realism { get; set; } = new();
}
