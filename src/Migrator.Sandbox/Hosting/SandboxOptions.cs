namespace Migrator.Sandbox;

/// <summary>How a sandbox runs: seed, ports (0 = chosen at start), realism, clock, logging.</summary>
public sealed class SandboxOptions
{
    /// <summary>Seeds credentials and realism randomness (defaults to the estate's seed, else 1).</summary>
    public int? Seed { get; set; }
    public SandboxPorts Ports { get; set; } = new();
    /// <summary>
    /// Whether the client configuration (migrator.sandbox.json) rehearses change-set mode (issue 16): on, it names the
    /// generator's Terraform tag (Owners:TerraformTags managed-by = terraform); off (default), it sets every owner kind to
    /// Direct (Planning:OwnerModes), since nobody plays the owners unless asked (`sandbox apply-change-set`).
    /// </summary>
    public bool OwnerChangeSets { get; set; }

    public RealismOptions Realism { get; set; } = new();
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    /// <summary>
    /// Serve the Kubernetes API over HTTPS with a self-signed certificate (kubectl sends bearer tokens only over TLS).
    /// Off by default: in-process clients use plain HTTP.
    /// </summary>
    public bool KubernetesTls { get; set; }
    /// <summary>Kestrel and request logging to the console (quiet by default).</summary>
    public bool Logging { get; set; }
    /// <summary>
    /// When set, the estate is written to this file at start and after every change, before the change is answered
    /// (see <see cref="SandboxState"/>). Null: the state lives in memory only.
    /// </summary>
    public string? StateFile { get; set; }
}

/// <summary>Fixed ports per service; 0 lets the OS choose a free port at start.</summary>
public sealed class SandboxPorts
{
    public int Eks { get; set; }
    public int Iam { get; set; }
    public int Sts { get; set; }
    public int Kubernetes { get; set; }
    public int Admin { get; set; }
    public int CloudTrail { get; set; }

    public int Of(SandboxService service) => service switch
    {
        SandboxService.Eks => Eks,
        SandboxService.Iam => Iam,
        SandboxService.Sts => Sts,
        SandboxService.Kubernetes => Kubernetes,
        SandboxService.CloudTrail => CloudTrail,
        _ => 0,
    };
}
