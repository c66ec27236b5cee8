namespace Migrator.Reports.Model;

/// <summary>Progress of the migration scope: identities of the scope on Pod Identity ÷ scope, and where the rest stand.</summary>
public sealed class ScopeView
{
    public string FixedByPlan { get; set; } = "";
    public string FixedAt { get; set; } = "";
    /// <summary>The run the figures come from (the latest complete run at or before the report's run).</summary>
    public long BasisRunId { get; set; }
    /// <summary>Why the figures come from another run than the report's, or "".</summary>
    public string BasisNote { get; set; } = "";
    public int Scope { get; set; }
    public int OnPodIdentity { get; set; }
    public double Percent { get; set; }
    public int AwaitingRestart { get; set; }
    public int NotYet { get; set; }
    public int Regressed { get; set; }
    public int Gone { get; set; }
    /// <summary>Identities of the scope no longer in the estate: still counted in the denominator.</summary>
    public List<string> GoneIdentities { get; set; } = [];
    /// <summary>Scope progress per complete run since the scope was fixed, oldest first.</summary>
    public List<ScopeTrendView> Trend { get; set; } = [];
}

public sealed class ScopeTrendView
{
    public long RunId { get; set; }
    public string At { get; set; } = "";
    public int Scope { get; set; }
    public int OnPodIdentity { get; set; }
    public double Percent { get; set; }
}

/// <summary>An identity of the scope that was on Pod Identity and is not now: the first thing the report shows.</summary>
public sealed class RegressionView
{
    public string Identity { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string RoleArn { get; set; } = "";
    public string Codes { get; set; } = "";
    public string Why { get; set; } = "";
    public string Fix { get; set; } = "";
    public long LastOnRunId { get; set; }
    public long SinceRunId { get; set; }
    public string Since { get; set; } = "";
    /// <summary>The owner that manages what was reverted (Terraform, Helm...), when known.</summary>
    public string? Owner { get; set; }
}

/// <summary>One IRSA leftover of an identity on Pod Identity (a cleanup.* reason).</summary>
public sealed class CleanupItemView
{
    public string Identity { get; set; } = "";
    public string Code { get; set; } = "";
    public string Item { get; set; } = "";
    public string Fix { get; set; } = "";
}
