namespace Migrator.Sandbox;

/// <summary>What every simulated API works with: the live state, keys and tokens, counters, realism, the clock.</summary>
public sealed class SandboxContext
{
    private SandboxEndpoints? _endpoints;

    public SandboxContext(SandboxState state, CredentialStore credentials, CallCounters counters, SandboxRealism realism,
        TimeProvider time, SandboxOptions options, IPodAdmission podAdmission)
    {
        State = state;
        Credentials = credentials;
        Counters = counters;
        Realism = realism;
        Time = time;
        Options = options;
        PodAdmission = podAdmission;
    }

    public SandboxState State { get; }
    public CredentialStore Credentials { get; }
    public CallCounters Counters { get; }
    public SandboxRealism Realism { get; }
    public TimeProvider Time { get; }
    public SandboxOptions Options { get; }
    /// <summary>The webhook mutation applied to every pod the sandbox creates (at load and on rollouts).</summary>
    public IPodAdmission PodAdmission { get; }

    /// <summary>The URLs of every service; known once the server has started (before any request is served).</summary>
    public SandboxEndpoints Endpoints
    {
        get => _endpoints ?? throw new InvalidOperationException("the sandbox has not started yet: endpoints are known once every port is bound.");
        internal set => _endpoints = value;
    }
}
