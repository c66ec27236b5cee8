using Microsoft.Extensions.Hosting;

namespace Migrator.Cli;

/// <summary>A verb that adds hosted services of its own (the worker adds Quartz and the liveness signal).</summary>
public interface IHostConfiguringVerb : IVerb
{
    void ConfigureHost(HostApplicationBuilder builder);
}
