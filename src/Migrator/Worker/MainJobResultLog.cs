using Microsoft.Extensions.Logging;
using Migrator.Application;
using Migrator.Cli;

namespace Migrator.Worker;

/// <summary>How the worker logs a finished main job (regressions as warnings) and the job result it sets: the exit code 'migrator run' would return.</summary>
internal static class MainJobResultLog
{
    public static int Write(ILogger logger, MainJobOutcome result)
    {
        foreach (var r in result.Regressions)
            logger.LogWarning("Pod Identity regression: {Identity} was on Pod Identity in run {LastOnRunId}, is not since run {SinceRunId} ({Since}): {Codes}: {Why}. Fix: {Fix}",
                r.Key.Display, r.LastOnRunId, r.SinceRunId, r.Since, string.Join(", ", r.Codes), r.Why, r.Fix);
        // 5 with regressions, 4 partial, 0 otherwise.
        var exit = result.Regressions.Count > 0 ? ExitCodes.Regressed : result.Partial ? ExitCodes.Partial : ExitCodes.Ok;
        if (result.Regressions.Count > 0)
            logger.LogWarning("Scheduled inventory found {Regressions} Pod Identity regression(s) in run {RunId} (exit code {ExitCode})", result.Regressions.Count, result.RunId, ExitCodes.Regressed);
        logger.LogInformation("Scheduled inventory finished: run {RunId}, {Bindings} bindings, partial {Partial}, reports {Reports}",
            result.RunId, result.Bindings, result.Partial, string.Join(", ", result.ReportFiles));
        return exit;
    }
}
