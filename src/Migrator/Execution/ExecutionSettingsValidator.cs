using Microsoft.Extensions.Options;
using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Execution;

/// <summary>Validates sections "Planning" and "Execution", reporting every problem with its configuration path.</summary>
public sealed class ExecutionSettingsValidator : IValidateOptions<ExecutionSettings>, IValidateOptions<PlanningSettings>
{
    public ValidateOptionsResult Validate(string? name, PlanningSettings options)
    {
        var problems = new List<string>();
        if (options.CanarySize < 0) problems.Add($"Planning:CanarySize must be 0 or more; got {options.CanarySize}.");
        if (options.MaxWaveSize < 1) problems.Add($"Planning:MaxWaveSize must be 1 or more; got {options.MaxWaveSize}.");
        if (options.SoakPeriod < TimeSpan.Zero) problems.Add($"Planning:SoakPeriod must not be negative; got {options.SoakPeriod}.");
        if (options.TrustSizeLimit is < 256 or > 10240) problems.Add($"Planning:TrustSizeLimit must be from 256 to 10240 characters (IAM default 2048, quota up to 4096); got {options.TrustSizeLimit}.");
        if (!Enum.IsDefined(options.TrustWidening))
            problems.Add($"Planning:TrustWidening must be Refuse (default), ClusterNamespace, Cluster or Unscoped; got {options.TrustWidening}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, ExecutionSettings options)
    {
        var problems = new List<string>();
        void AtLeastOne(int value, string key)
        {
            if (value < 1) problems.Add($"Execution:{key} must be 1 or more; got {value}.");
        }
        AtLeastOne(options.MaxParallelBindings, nameof(options.MaxParallelBindings));
        AtLeastOne(options.MaxConcurrentIam, nameof(options.MaxConcurrentIam));
        AtLeastOne(options.MaxConcurrentEks, nameof(options.MaxConcurrentEks));
        AtLeastOne(options.MaxConcurrentKubernetes, nameof(options.MaxConcurrentKubernetes));
        AtLeastOne(options.MaxAttempts, nameof(options.MaxAttempts));
        AtLeastOne(options.VerifyAttempts, nameof(options.VerifyAttempts));
        AtLeastOne(options.AgentWaitAttempts, nameof(options.AgentWaitAttempts));
        if (options.FailureRateThreshold is < 0 or > 1)
            problems.Add($"Execution:FailureRateThreshold must be a fraction from 0 to 1; got {options.FailureRateThreshold}.");
        foreach (var (label, span) in new[] { ("RetryBaseDelay", options.RetryBaseDelay), ("VerifyInterval", options.VerifyInterval), ("AgentWaitInterval", options.AgentWaitInterval), ("ConsistencyPollInterval", options.ConsistencyPollInterval) })
        {
            if (span < TimeSpan.Zero) problems.Add($"Execution:{label} must not be negative; got {span}.");
        }
        if (options.ConsistencyWindow <= TimeSpan.Zero)
            problems.Add($"Execution:ConsistencyWindow must be positive (how long EKS may take to show a new association, e.g. 00:01:00); got {options.ConsistencyWindow}.");
        for (var i = 0; i < options.ChangeWindows.Count; i++)
        {
            var w = options.ChangeWindows[i];
            if (w.Days.Count == 0) problems.Add($"Execution:ChangeWindows:{i}:Days must list at least one day (e.g. [\"Tuesday\"]).");
            if (w.Start == w.End) problems.Add($"Execution:ChangeWindows:{i}: Start and End are both {w.Start}; a window needs a length.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
