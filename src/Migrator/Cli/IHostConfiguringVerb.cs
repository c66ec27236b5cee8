using Microsoft.Extensions.Hosting;

namespace Migrator.Cli;

/// <summary>A verb that adds hosted services of its own (the worker adds Quartz and the liveness signal).</summary>
public interface IHostConfiguringVerb : IVerb
{
    /// <summary>Adds the verb's services; <paramref name="args"/> are the verb's parsed options.</summary>
    void ConfigureHost(HostApplicationBuilder builder, CliArgs args);
}
