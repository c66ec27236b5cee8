using Microsoft.Extensions.Options;
using Quartz;

namespace Migrator.Worker;

/// <summary>Reports every invalid Worker setting at start-up, each with its configuration path.</summary>
public sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        CheckCron(failures, nameof(WorkerOptions.InventoryCron), options.InventoryCron);
        CheckCron(failures, nameof(WorkerOptions.PhaseCron), options.PhaseCron);
        if (string.IsNullOrWhiteSpace(options.LivenessFile))
            failures.Add($"{WorkerOptions.Section}:{nameof(WorkerOptions.LivenessFile)} must be a file path (e.g. /tmp/migrator-alive).");
        if (options.HeartbeatSeconds is < 1 or > 3600)
            failures.Add($"{WorkerOptions.Section}:{nameof(WorkerOptions.HeartbeatSeconds)} must be from 1 to 3600; got {options.HeartbeatSeconds}.");
        if (options.ClusterCheckinInterval < TimeSpan.FromSeconds(1) || options.ClusterCheckinInterval > TimeSpan.FromMinutes(10))
            failures.Add($"{WorkerOptions.Section}:{nameof(WorkerOptions.ClusterCheckinInterval)} must be from 00:00:01 to 00:10:00; got {options.ClusterCheckinInterval}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidCron(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        try
        {
            _ = new CronExpression(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void CheckCron(List<string> failures, string key, string? value)
    {
        if (!IsValidCron(value))
            failures.Add($"{WorkerOptions.Section}:{key} '{value}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 6 * * ?\").");
    }
}
