using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Migrator.Aws;
using Migrator.Core.Ports;

namespace Migrator.Sandbox.Tests.Evidence;

/// <summary>
/// examples/estate.evidence.json served by a sandbox on a fake clock shared with the AWS adapter (AddAws), so pacing,
/// delivery delay and credential use are all driven by the test.
/// </summary>
public sealed class CloudTrailSandbox : IAsyncDisposable
{
    public const string AccountId = "111122223333";
    public const string Issuer = "oidc.eks.us-east-1.amazonaws.com/id/E71DE4CEE71DE4CEE71DE4CEE71DE4CE";
    public static readonly AwsScope East = new(AccountId, "us-east-1");

    private CloudTrailSandbox(SandboxServer server, ServiceProvider services, FakeTimeProvider time)
    {
        Server = server;
        Services = services;
        Time = time;
    }

    public SandboxServer Server { get; }
    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; }
    public ICredentialUseEvents CloudTrail => Services.GetRequiredService<ICredentialUseEvents>();
    public IIamApi Iam => Services.GetRequiredService<IIamApi>();

    public static string RoleArn(string name) => $"arn:aws:iam::{AccountId}:role/{name}";

    public static async Task<CloudTrailSandbox> StartAsync(Action<RealismOptions>? realism = null, Action<Dictionary<string, string?>>? configure = null)
    {
        // Starts at the real time: STS GetCallerIdentity goes through the AWS SDK, which signs with the real clock.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new SandboxOptions { Seed = 3, TimeProvider = time };
        realism?.Invoke(options.Realism);
        var server = await SandboxServer.StartAsync(EstateFile.Load(RepoFiles.PathOf("examples/estate.evidence.json")), options, CancellationToken.None);
        var settings = SandboxAwsSettings.For(server);
        settings["Aws:Accounts:0:Id"] = AccountId;
        settings["Aws:Accounts:0:Regions:0"] = "us-east-1";
        configure?.Invoke(settings);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time)
            .AddAws(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider(validateScopes: true);
        return new CloudTrailSandbox(server, services, time);
    }

    /// <summary>Moves the fake clock on in small steps until <paramref name="task"/> ends (the pacing waits on this clock).</summary>
    public async Task<T> Drive<T>(Task<T> task, TimeSpan step)
    {
        while (!task.IsCompleted)
        {
            // Gives the loopback HTTP calls a moment of real time between steps; the test asserts no timing.
            await Task.WhenAny(task, Task.Delay(5));
            if (!task.IsCompleted)
                Time.Advance(step);
        }
        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
