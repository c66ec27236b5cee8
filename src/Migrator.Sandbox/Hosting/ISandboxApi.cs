using Microsoft.AspNetCore.Routing;

namespace Migrator.Sandbox;

/// <summary>
/// One simulated API surface. Every public non-abstract implementation with a parameterless constructor in this
/// assembly is found by reflection and mapped onto the web application of its <see cref="Service"/> (one port per
/// service, so routes of different services never collide). Each handler should start with
/// <c>await context.Realism.AdmitAsync(service, operation, ct)</c> (counts the call, applies latency, rate limits and
/// transient errors) and answer a non-proceed decision with its protocol's throttling or 5xx error.
/// </summary>
public interface ISandboxApi
{
    SandboxService Service { get; }
    void Map(IEndpointRouteBuilder routes, SandboxContext context);
}
