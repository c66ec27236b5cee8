using Microsoft.Extensions.Logging;
using Migrator.Pipeline;
using Quartz;

namespace Migrator.Worker;

/// <summary>Scheduled inventory → assessment → plan → report. Never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class InventoryJob(IMigrationPipeline pipeline, Liveness liveness, ILogger<InventoryJob> logger) : IJob
{
    public static readonly JobKey Key = new("inventory-assess-report", "migrator");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Scheduled inventory started (fire {FireInstanceId})", context.FireInstanceId);
        using var log = new LogWriter(logger);
        var result = await pipeline.RunAsync(new PipelineRequest(), log, cancellationToken);
        liveness.Beat();
        logger.LogInformation("Scheduled inventory finished: run {RunId}, {Bindings} bindings, partial {Partial}, reports {Reports}",
            result.RunId, result.Bindings, result.Partial, string.Join(", ", result.ReportFiles));
    }
}
