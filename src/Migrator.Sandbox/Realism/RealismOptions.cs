namespace Migrator.Sandbox;

/// <summary>How real the simulated APIs feel: latency, throttling, transient failures, eventual consistency.</summary>
public sealed class RealismOptions
{
    /// <summary>Delay added to every call.</summary>
    public int LatencyMs { get; set; }
    /// <summary>Extra random delay (0..N ms, seeded) on top of <see cref="LatencyMs"/>.</summary>
    public int LatencyJitterMs { get; set; }
    /// <summary>Token-bucket refill rate per service, calls per second; 0 = unlimited.</summary>
    public double RateLimitPerSecond { get; set; }
    /// <summary>Bucket size (bursts allowed); defaults to the rate rounded up (at least 1).</summary>
    public int? Burst { get; set; }
    /// <summary>Per-service overrides of <see cref="RateLimitPerSecond"/>.</summary>
    public Dictionary<SandboxService, double> RateLimits { get; set; } = [];
    /// <summary>Probability (0..1) that a call fails with a transient 5xx.</summary>
    public double ErrorRate { get; set; }
    /// <summary>A role created (or its trust policy changed) is visible to EKS only after this delay.</summary>
    public int RoleVisibilityDelayMs { get; set; }
    /// <summary>A new association shows in List/Describe only after this delay.</summary>
    public int AssociationVisibilityDelayMs { get; set; }
    /// <summary>CreateAddon/UpdateAddon leave the add-on CREATING/UPDATING this long before ACTIVE.</summary>
    public int AddonActivationDelayMs { get; set; }

    /// <summary>Pod Identity associations per cluster (EKS quota 5,000; older docs say 1,000).</summary>
    public int AssociationQuotaPerCluster { get; set; } = 5000;
    /// <summary>Role trust policy size limit IAM enforces (2,048 by default, raisable by quota; DOMAIN.md).</summary>
    public int TrustPolicySizeLimit { get; set; } = 2048;

    /// <summary>CloudTrail LookupEvents per account and region per second (the documented limit is 2); more is ThrottlingException.</summary>
    public double CloudTrailLookupsPerSecond { get; set; } = 2;
    /// <summary>An event shows in LookupEvents only this long after it happened (CloudTrail: about 5 minutes, up to 15).</summary>
    public int CloudTrailDeliveryDelayMs { get; set; }
    /// <summary>
    /// IAM GetAccountAuthorizationDetails per account per second (IAM throttles this heavy call harder than GetRole);
    /// more is Throttling. 0 = only the service-wide limit.
    /// </summary>
    public double AuthorizationDetailsPerSecond { get; set; } = 2;
    /// <summary>Answer GetAccountAuthorizationDetails with AccessDenied (an identity without that permission), to rehearse the GetRole fallback.</summary>
    public bool DenyAuthorizationDetails { get; set; }
    /// <summary>
    /// Roles (by name or ARN) whose IAM GetRole answers 503 ServiceUnavailable every time, to rehearse a role the
    /// inventory could not read (it is Unassessed, never planned, with a retry hint).
    /// </summary>
    public List<string> GetRoleUnavailable { get; set; } = [];
    /// <summary>How often a running pod obtains credentials again (its first time is when it starts).</summary>
    public TimeSpan CredentialUseInterval { get; set; } = TimeSpan.FromHours(24);

    public double RateFor(SandboxService service) => RateLimits.TryGetValue(service, out var r) ? r : RateLimitPerSecond;
}
