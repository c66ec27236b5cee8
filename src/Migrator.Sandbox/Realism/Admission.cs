namespace Migrator.Sandbox;

public enum AdmissionOutcome
{
    /// <summary>Serve the call.</summary>
    Proceed,
    /// <summary>Answer with the protocol's throttling error (AWS ThrottlingException/Throttling, Kubernetes 429 + Retry-After).</summary>
    Throttle,
    /// <summary>Answer with a transient 5xx (AWS InternalFailure/ServiceUnavailable 500/503, Kubernetes 503).</summary>
    TransientError,
}

/// <summary>The realism decision for one call. The API formats the error in its own protocol.</summary>
public readonly record struct Admission(AdmissionOutcome Outcome, TimeSpan RetryAfter)
{
    public static readonly Admission Proceed = new(AdmissionOutcome.Proceed, TimeSpan.Zero);

    public bool ShouldProceed => Outcome == AdmissionOutcome.Proceed;

    /// <summary>Whole seconds for a Retry-After header (at least 1).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
