using Migrator.Worker;
using Migrator.Worker.Http;

namespace Migrator.Integration.Tests.Worker;

/// <summary>Worker:Http is validated with the other Worker settings, each problem with its configuration path.</summary>
public sealed class WorkerHttpOptionsTests
{
    [Fact]
    public void A_port_out_of_range_and_urls_that_are_not_plain_http_addresses_are_reported()
    {
        var port = new WorkerOptionsValidator().Validate(null, new WorkerOptions { Http = new WorkerHttpOptions { Port = 70000 } });
        var urls = new WorkerOptionsValidator().Validate(null, new WorkerOptions { Http = new WorkerHttpOptions { Urls = "http://127.0.0.1:9090;https://0.0.0.0:8443;http://x:1/metrics" } });

        Assert.Contains(port.Failures!, f => f.StartsWith("Worker:Http:Port must be from 0", StringComparison.Ordinal));
        var failures = urls.Failures!.ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("'https://0.0.0.0:8443'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'http://x:1/metrics'", StringComparison.Ordinal));
    }

    [Fact]
    public void Urls_win_over_the_port_and_the_port_listens_on_every_interface()
    {
        Assert.Equal(["http://0.0.0.0:8080"], new WorkerHttpOptions().ListenUrls());
        Assert.Equal(["http://127.0.0.1:9090", "http://[::1]:9090"], new WorkerHttpOptions { Port = 1, Urls = "http://127.0.0.1:9090; http://[::1]:9090" }.ListenUrls());
    }
}
