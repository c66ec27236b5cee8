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

    /// <summary>
    /// Rehearse change-set mode (issue 16): owned roles and ServiceAccounts wait for change-sets, which you apply as the
    /// owner with `migrator sandbox apply-change-set`. Null (default): as <see cref="GeneratorOptions.Owners"/> of
    /// <see cref="Generate"/>. When off, the rehearsal plays no owner: owners are still detected and shown, but every
    /// owner kind runs direct (Planning:OwnerModes defaults to Direct unless configured), so a rehearsal never waits for
    /// an owner nobody plays (the generated estate's eksctl roles carry alpha.eksctl.io tags). When on, Terraform is
    /// recognised by the generator's tag (Owners:TerraformTags managed-by = terraform) unless configured.
    /// </summary>
    public bool? OwnerChangeSets { get; set; }
}
