using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Cli;
using Migrator.Integration.Tests.Storage;
using Migrator.Verbs.Worker;
using Quartz;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// Every verb's handler gets its services as constructor parameters from the host the command line builds: a service
/// that is not registered fails here, not in front of a user. Every verb reads its options through the typed fields it
/// declares, once.
/// </summary>
public sealed class VerbHandlerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_verb_handler_is_constructible_from_the_real_container()
    {
        foreach (var verb in VerbCatalog.All)
        {
            Assert.True(typeof(IVerbHandler).IsAssignableFrom(verb.Handler), $"{verb.Name}: {verb.Handler.Name} is not an IVerbHandler");
            var handler = await ConstructAsync(verb, []);
            Assert.IsType(verb.Handler, handler);
        }
    }

    [Fact]
    public async Task The_worker_handler_is_constructible_with_and_without_its_scheduler()
    {
        var verb = new WorkerVerb();
        Assert.IsType<WorkerVerb.WorkerHandler>(await ConstructAsync(verb, ["--once"]));
        using var host = await ComposeAsync(verb, []);
        Assert.NotNull(host.Services.GetService<ISchedulerFactory>());
        Assert.IsType<WorkerVerb.WorkerHandler>(ActivatorUtilities.CreateInstance(host.Services, verb.Handler));
    }

    [Fact]
    public async Task A_handler_needing_an_unregistered_service_fails_to_construct_and_names_it()
    {
        var verb = new UnregisteredServiceVerb();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ConstructAsync(verb, []));
        Assert.Contains(nameof(NotRegistered), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_a_verb_declares_is_one_of_its_options_and_every_option_is_declared_once()
    {
        foreach (var verb in VerbCatalog.All)
        {
            var fields = verb.GetType().GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => typeof(VerbOption).IsAssignableFrom(f.FieldType)).Select(f => (VerbOption)f.GetValue(null)!).ToList();
            Assert.True(fields.Count == verb.Options.Count && fields.All(verb.Options.Contains),
                $"{verb.Name}: options [{string.Join(", ", verb.Options)}] and declared fields [{string.Join(", ", fields)}] differ");
            Assert.Equal(verb.Options.Count, verb.Options.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void A_handler_reading_an_option_its_verb_does_not_declare_is_refused()
    {
        var args = CliArgs.Parse(["--output", "json"], new Migrator.Verbs.Inventory.RunsListVerb());
        Assert.Equal("json", args.Get(Migrator.Verbs.Inventory.RunsListVerb.Output));
        var error = Assert.Throws<InvalidOperationException>(() => args.Get(Migrator.Verbs.Plan.PlanShowVerb.Plan));
        Assert.Contains("--plan", error.Message, StringComparison.Ordinal);
    }

    private async Task<object> ConstructAsync(IVerb verb, string[] tokens)
    {
        using var host = await ComposeAsync(verb, tokens);
        return ActivatorUtilities.CreateInstance(host.Services, verb.Handler);
    }

    private Task<Microsoft.Extensions.Hosting.IHost> ComposeAsync(IVerb verb, string[] tokens) =>
        MigratorHost.ComposeAsync(new GlobalOptions { Database = _dir.File("state.db") }, new Dictionary<string, string?>(), verb, CancellationToken.None,
            verb is IHostConfiguringVerb ? CliArgs.Parse(tokens, verb) : null, new VerbConsole(new StringWriter(), new StringWriter(), interactive: false));

    public sealed class NotRegistered;

    private sealed class UnregisteredServiceVerb : IVerb
    {
        public string Name => "test unregistered";
        public string Summary => "a verb whose handler needs a service no one registered";
        public IReadOnlyList<VerbOption> Options => [];
        public Type Handler => typeof(UnregisteredServiceHandler);
    }

    private sealed class UnregisteredServiceHandler(NotRegistered service) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => Task.FromResult(service is null ? 1 : 0);
    }
}
