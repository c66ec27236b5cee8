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
        if (options.ShardsPerWorker is < 1 or > 32)
            failures.Add($"{WorkerOptions.Section}:{nameof(WorkerOptions.ShardsPerWorker)} must be from 1 to 32; got {options.ShardsPerWorker}.");
        if (options.SchedulerIdleWait < TimeSpan.FromSeconds(1) || options.SchedulerIdleWait > TimeSpan.FromMinutes(5))
            failures.Add($"{WorkerOptions.Section}:{nameof(WorkerOptions.SchedulerIdleWait)} must be from 00:00:01 to 00:05:00; got {options.SchedulerIdleWait}.");
        CheckHttp(failures, options.Http);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckHttp(List<string> failures, Http.WorkerHttpOptions http)
    {
        const string path = $"{WorkerOptions.Section}:{nameof(WorkerOptions.Http)}";
        if (http.Port is < 0 or > 65535)
            failures.Add($"{path}:{nameof(Http.WorkerHttpOptions.Port)} must be from 0 (any free port) to 65535; got {http.Port}.");
        if (http.Urls is null) return;
        var urls = http.ListenUrls();
        if (urls.Count == 0)
            failures.Add($"{path}:{nameof(Http.WorkerHttpOptions.Urls)} is empty: give one or more http URLs separated by ';' (e.g. \"http://0.0.0.0:8080\"), or remove it to listen on {path}:Port.");
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
                failures.Add($"{path}:{nameof(Http.WorkerHttpOptions.Urls)} '{url}' is not an http URL with a host and port and no path (e.g. \"http://0.0.0.0:8080\").");
        }
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
