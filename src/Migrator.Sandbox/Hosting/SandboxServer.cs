using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Migrator.Sandbox;

/// <summary>
/// A running simulated estate: one Kestrel application per service (EKS, IAM, STS, Kubernetes) plus an admin one,
/// each on its own 127.0.0.1 port. Every <see cref="ISandboxApi"/> in this assembly is mapped onto its service's
/// application. Dispose to stop.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly List<WebApplication> _apps;
    private readonly X509Certificate2? _certificate;

    private SandboxServer(SandboxContext context, List<WebApplication> apps, SandboxEndpoints endpoints, X509Certificate2? certificate)
    {
        _certificate = certificate;
        Context = context;
        _apps = apps;
        Endpoints = endpoints;
    }

    public SandboxEndpoints Endpoints { get; }
    public SandboxContext Context { get; }
    /// <summary>The credentials the tool starts with: the operator's access key in the first account.</summary>
    public AwsCredential OperatorCredentials => Context.Credentials.Operator;
    public CredentialStore Credentials => Context.Credentials;
    public SandboxState State => Context.State;
    public CallCounters Counters => Context.Counters;

    /// <summary>
    /// Prepares the estate (identifiers, nodes, pods admitted by the webhook) and starts serving it. The estate object
    /// becomes the live state: do not touch it afterwards except through <see cref="State"/>.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(Estate estate, SandboxOptions options, CancellationToken ct)
    {
        var seed = options.Seed ?? estate.Seed ?? 1;
        var admission = PodAdmission.Discover();
        EstateMaterializer.Prepare(estate, admission);
        var counters = new CallCounters();
        var context = new SandboxContext(
            new SandboxState(estate, options.StateFile),
            new CredentialStore(estate, seed),
            counters,
            new SandboxRealism(options.Realism, options.TimeProvider, counters, seed),
            options.TimeProvider,
            options,
            admission);

        // Lives as long as the server: Kestrel uses its key for every handshake.
        var certificate = options.KubernetesTls ? SandboxCertificate.Create(options.TimeProvider) : null;
        if (certificate is not null)
            context.KubernetesCertificateAuthorityData = SandboxCertificate.AuthorityData(certificate);

        var apis = PodAdmission.ApiTypes(typeof(SandboxServer).Assembly).Select(t => (ISandboxApi)Activator.CreateInstance(t)!).ToList();
        var apps = new List<WebApplication>();
        var urls = new Dictionary<SandboxService, string>();
        try
        {
            foreach (var service in Enum.GetValues<SandboxService>())
            {
                var app = Build(options, options.Ports.Of(service), service == SandboxService.Kubernetes ? certificate : null);
                foreach (var api in apis.Where(a => a.Service == service))
                    api.Map(app, context);
                apps.Add(app);
                urls[service] = await StartAppAsync(app, ct);
            }
            var admin = Build(options, options.Ports.Admin, null);
            AdminApi.Map(admin, context);
            apps.Add(admin);
            var adminUrl = await StartAppAsync(admin, ct);

            var endpoints = new SandboxEndpoints(urls[SandboxService.Eks], urls[SandboxService.Iam], urls[SandboxService.Sts], urls[SandboxService.Kubernetes], adminUrl)
            {
                CloudTrailUrl = urls[SandboxService.CloudTrail],
            };
            context.Endpoints = endpoints;
            context.State.Persist();
            return new SandboxServer(context, apps, endpoints, certificate);
        }
        catch
        {
            foreach (var app in apps)
                await app.DisposeAsync();
            certificate?.Dispose();
            throw;
        }
    }

    /// <summary>Writes the live state as an estate file (restorable with <see cref="EstateFile.Load"/>).</summary>
    public Task SaveStateAsync(string path, CancellationToken ct) =>
        File.WriteAllTextAsync(path, State.ToJson() + "\n", ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
        _apps.Clear();
        _certificate?.Dispose();
    }

    private static WebApplication Build(SandboxOptions options, int port, X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        // The sandbox runs inside other programs (tests, the CLI): it must not take over Ctrl-C or the console.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddSingleton(options.TimeProvider);
        if (!options.Logging)
            builder.Logging.ClearProviders();
        else
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        return builder.Build();
    }

    private static async Task<string> StartAppAsync(WebApplication app, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            // Kestrel: "Failed to bind to address http://127.0.0.1:P: address already in use."
            throw new SandboxPortException($"the sandbox cannot listen: {e.Message.TrimEnd('.')}. Give --port a base whose five ports BASE..BASE+4 are all free, or leave out --port to use free ports.", e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var uri = new Uri(address);
        return $"{uri.Scheme}://127.0.0.1:{uri.Port}";
    }

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
