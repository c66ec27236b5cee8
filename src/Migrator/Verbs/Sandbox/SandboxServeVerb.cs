using System.Globalization;
using System.Runtime.InteropServices;
using Migrator.Cli;
using Migrator.Sandbox;

namespace Migrator.Verbs.Sandbox;

/// <summary>
/// migrator sandbox serve: serves a simulated estate (EKS, IAM, STS, Kubernetes over HTTP on 127.0.0.1) until Ctrl-C,
/// and writes a kubeconfig and AWS config/credentials so kubectl, the aws CLI and migrator can be aimed at it.
/// </summary>
public sealed class SandboxServeVerb : IVerb
{
    public string Name => "sandbox serve";
    public bool UsesStateFile => false;
    public string Summary => "serve a simulated estate over HTTP until Ctrl-C; writes kubeconfig and AWS config";

    public static readonly VerbOption<string?> Estate = VerbOption.Text("--estate", "FILE", "estate file to serve (default: a generated estate)");
    public static readonly VerbOption<int?> Clusters = VerbOption.Number("--clusters", "N", "generated estate: number of clusters (default 8)", 1, 10_000);
    public static readonly VerbOption<int?> ServiceAccounts = VerbOption.Number("--service-accounts", "M", "generated estate: application service accounts (default 200)", 0, 1_000_000);
    public static readonly VerbOption<int?> Seed = VerbOption.Number("--seed", "S", "seed of the generated estate, the credentials and the realism (default 1)");
    public static readonly VerbOption<int?> Accounts = VerbOption.Number("--accounts", "K", "generated estate: AWS accounts", 1, 1_000);
    public static readonly VerbOption<int?> Roles = VerbOption.Number("--roles", "R", "generated estate: target number of application IRSA roles (service accounts share roles to come near it)", 1, 1_000_000);
    public static readonly VerbOption<bool> Owners = VerbOption.Flag("--owners", "mark roles and service accounts with their owners' metadata (Terraform, eksctl, CloudFormation, Helm, Argo CD, Flux)");
    public static readonly VerbOption<bool> OwnerChangeSets = VerbOption.Flag("--owner-change-sets", "rehearse change-set mode with an --estate file that has owners (implied by --owners): owned changes wait for 'sandbox apply-change-set'");
    public static readonly VerbOption<string?> State = VerbOption.Text("--state", "FILE", "restore the state from FILE if it exists, and save the mutated state there on exit");
    public static readonly VerbOption<string?> Dir = VerbOption.Text("--dir", "DIR", "where to write kubeconfig, aws-config, aws-credentials (default .sandbox)");
    public static readonly VerbOption<int?> Port = VerbOption.Number("--port", "BASE", "fixed ports BASE..BASE+4 for EKS, IAM, STS, Kubernetes, admin (default: free ports)", 1, 65_530);
    public static readonly VerbOption<int?> LatencyMs = VerbOption.Number("--latency-ms", "N", "delay added to every call", 0, 60_000);
    public static readonly VerbOption<int?> RateLimit = VerbOption.Number("--rate-limit", "N", "calls per second per service before throttling (0 = unlimited)", 0, 1_000_000);
    public static readonly VerbOption<string?> RateLimitsOption = VerbOption.Text("--rate-limits", "LIST", "per-service rates overriding --rate-limit, e.g. eks=100,iam=100,sts=50,kubernetes=400");
    public static readonly VerbOption<string?> ErrorRate = VerbOption.Text("--error-rate", "P", "probability 0..1 of a transient 5xx per call");
    public static readonly VerbOption<int?> RoleDelayMs = VerbOption.Number("--role-delay-ms", "N", "a new role becomes visible to EKS after N ms", 0, 600_000);
    public static readonly VerbOption<int?> AssociationDelayMs = VerbOption.Number("--association-delay-ms", "N", "a new association becomes visible after N ms", 0, 600_000);
    public static readonly VerbOption<bool> Log = VerbOption.Flag("--log", "log every request to stderr");

    private static readonly GeneratorOptionSet Generator = new(Clusters, ServiceAccounts, Seed, Accounts, Roles, Owners);

    public IReadOnlyList<VerbOption> Options =>
        [Estate, Clusters, ServiceAccounts, Seed, Accounts, Roles, Owners, OwnerChangeSets, State, Dir, Port, LatencyMs, RateLimit, RateLimitsOption, ErrorRate, RoleDelayMs, AssociationDelayMs, Log];
    public Type Handler => typeof(SandboxServeHandler);

    public sealed class SandboxServeHandler(VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => ServeAsync(args, console.Out, ct);
    }

    private static async Task<int> ServeAsync(CliArgs args, TextWriter output, CancellationToken ct)
    {
        var statePath = args.Get(State);
        if (args.Has(Estate) && (args.Has(Clusters) || args.Has(ServiceAccounts) || args.Has(Roles)))
            throw new UsageException("give either --estate FILE or --clusters/--service-accounts/--roles (a generated estate), not both.");

        Migrator.Sandbox.Estate estate;
        string source;
        if (statePath is not null && File.Exists(statePath))
        {
            estate = SandboxEstateOptions.Load(statePath);
            source = $"state restored from {statePath}";
        }
        else if (args.Get(Estate) is { } estatePath)
        {
            estate = SandboxEstateOptions.Load(estatePath);
            source = $"estate {estatePath}";
        }
        else
        {
            var generator = SandboxEstateOptions.Generator(args, Generator);
            estate = EstateGenerator.Generate(generator).Estate;
            source = $"generated estate ({generator.Clusters} clusters, {generator.ServiceAccounts} service accounts, " +
                (generator.Roles is { } roles ? $"target {roles} roles, " : "") + $"seed {generator.Seed})";
        }

        var options = new SandboxOptions
        {
            Seed = args.Get(Seed),
            Logging = args.Get(Log),
            // kubectl sends the kubeconfig's bearer token only over TLS.
            KubernetesTls = true,
            OwnerChangeSets = args.Get(Owners) || args.Get(OwnerChangeSets),
            Realism = new RealismOptions
            {
                LatencyMs = args.Get(LatencyMs) ?? 0,
                RateLimitPerSecond = args.Get(RateLimit) ?? 0,
                ErrorRate = Probability(args.Get(ErrorRate)),
                RoleVisibilityDelayMs = args.Get(RoleDelayMs) ?? 0,
                AssociationVisibilityDelayMs = args.Get(AssociationDelayMs) ?? 0,
                RateLimits = RateLimits(args.Get(RateLimitsOption)),
            },
        };
        if (args.Get(Port) is { } basePort)
            options.Ports = new SandboxPorts { Eks = basePort, Iam = basePort + 1, Sts = basePort + 2, Kubernetes = basePort + 3, Admin = basePort + 4 };

        await using var server = await SandboxServer.StartAsync(estate, options, ct);
        var dir = args.Get(Dir) ?? ".sandbox";
        var files = new SandboxClientFiles(server).WriteTo(dir);
        Describe(output, server, source, files);

        // Ctrl-C arrives through ct; SIGTERM (kill, service managers) stops the sandbox the same way.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stop serving, then save the state.
        }
        if (statePath is not null)
        {
            await server.SaveStateAsync(statePath, CancellationToken.None);
            output.WriteLine($"state saved to {Path.GetFullPath(statePath)}");
        }
        output.WriteLine("sandbox stopped.");
        return ExitCodes.Ok;
    }

    /// <summary>Parses "eks=100,iam=100,sts=50,kubernetes=400": calls per second per service (0 = unlimited).</summary>
    internal static Dictionary<SandboxService, double> RateLimits(string? raw)
    {
        var limits = new Dictionary<SandboxService, double>();
        if (raw is null)
            return limits;
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Enum.TryParse<SandboxService>(pair[0], ignoreCase: true, out var service) || !Enum.IsDefined(service)
                || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1_000_000 || double.IsNaN(rate))
            {
                throw new UsageException($"option '--rate-limits' takes SERVICE=RATE pairs separated by commas, with SERVICE one of "
                    + $"{string.Join(", ", Enum.GetNames<SandboxService>().Select(n => n.ToLowerInvariant()))} and RATE from 0 (unlimited) to 1000000 "
                    + $"calls per second (e.g. eks=100,iam=100,sts=50,kubernetes=400); '{part}' is not one.");
            }
            if (!limits.TryAdd(service, rate))
                throw new UsageException($"option '--rate-limits' names {pair[0]} twice; give each service once (e.g. eks=100,iam=100,sts=50,kubernetes=400).");
        }
        return limits;
    }

    private static double Probability(string? raw)
    {
        if (raw is null)
            return 0;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1
            ? p
            : throw new UsageException($"option '--error-rate' must be a probability from 0 to 1 (e.g. 0.05); got '{raw}'.");
    }

    private static void Describe(TextWriter w, SandboxServer server, string source, IReadOnlyDictionary<string, string> files)
    {
        var e = server.Endpoints;
        w.WriteLine($"sandbox serving {source}");
        w.WriteLine($"  EKS         {e.EksUrl}");
        w.WriteLine($"  IAM         {e.IamUrl}");
        w.WriteLine($"  STS         {e.StsUrl}");
        w.WriteLine($"  CloudTrail  {e.CloudTrailUrl}");
        w.WriteLine($"  Kubernetes  {e.KubernetesUrl}/clusters/ACCOUNT/REGION/CLUSTER");
        w.WriteLine($"  admin       {e.AdminUrl}/admin/counters, /admin/state");
        w.WriteLine($"  operator    {server.OperatorCredentials.AccessKeyId} ({server.OperatorCredentials.PrincipalArn})");
        w.WriteLine();
        w.WriteLine("Aim your tools at it:");
        w.WriteLine($"  export KUBECONFIG={files["kubeconfig"]}");
        w.WriteLine($"  export AWS_CONFIG_FILE={files["aws-config"]} AWS_SHARED_CREDENTIALS_FILE={files["aws-credentials"]} AWS_PROFILE={SandboxClientFiles.OperatorProfile}");
        w.WriteLine($"  migrator inventory --config {files["migrator.sandbox.json"]}");
        w.WriteLine("Press Ctrl-C to stop.");
        w.Flush();
    }
}
