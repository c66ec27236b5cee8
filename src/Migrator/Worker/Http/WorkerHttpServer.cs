using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Migrator.Aws.Http;
using Migrator.Cli;
using Migrator.Kubernetes;
using Migrator.Reports;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Migrator.Worker.Http;

/// <summary>
/// The worker's HTTP side (Kestrel): GET /healthz (alive: heartbeat recent), /readyz (state database opens and the
/// scheduler runs), /metrics (Prometheus text through OpenTelemetry) and /reports/NAME (the reports folder, read-only).
/// It is its own small web application beside the worker's host, serving from the worker's services; it starts with
/// the host and stops first.
/// </summary>
public sealed class WorkerHttpServer(IServiceProvider worker, IOptions<WorkerOptions> options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses bound (a port of 0 resolved), once started.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.Http.ListenUrls();
        // The gauges exist from the start, not from the first job.
        _ = worker.GetRequiredService<WorkerMetrics>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "migrator-worker-http" });
        builder.WebHost.UseKestrelCore().UseUrls([.. urls]);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("migrator-worker")).WithMetrics(m => m
            .AddMeter(WorkerMetrics.MeterName, AwsApiMetrics.MeterName, KubernetesApiMetering.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        var app = builder.Build();
        app.UseRouting();
        var status = worker.GetRequiredService<WorkerStatus>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: null,
            path: "/metrics",
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                await status.RefreshAsync(context.RequestAborted);
                await next(context);
            }),
            optionsName: null);
        var probes = worker.GetRequiredService<WorkerProbes>();
        app.MapGet("/healthz", (RequestDelegate)(context => WriteProbe(context, probes.Health())));
        app.MapGet("/readyz", (RequestDelegate)(async context => await WriteProbe(context, await probes.ReadinessAsync(context.RequestAborted))));
        var reports = new ReportFiles(worker.GetRequiredService<IOptions<ReportSettings>>().Value.OutputPath);
        app.MapGet("/reports/", (RequestDelegate)reports.ListAsync);
        app.MapGet("/reports/{name}", (RequestDelegate)reports.ServeAsync);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidInputException(
                $"the worker cannot serve HTTP on {string.Join(", ", urls)}: {e.Message}. Set Worker:Http:Port (0 takes any free port) or Worker:Http:Urls.");
        }
        _app = app;
        Addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        loggers.CreateLogger<WorkerHttpServer>().LogInformation("Serving /healthz /readyz /metrics /reports/ on {Addresses}", string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
            await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    private static Task WriteProbe(HttpContext context, ProbeResult result)
    {
        context.Response.StatusCode = result.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(result, ProbeResult.Json), context.RequestAborted);
    }
}
