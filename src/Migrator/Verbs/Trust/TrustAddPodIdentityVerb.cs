using Migrator.Cli;
using Migrator.Core.Trust;

namespace Migrator.Verbs.Trust;

/// <summary>
/// migrator trust add-pod-identity --policy FILE [--binding CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT ...] [--widen LEVEL] [--unscoped]:
/// prints the policy with the EKS Pod Identity trust added and a diff. Scoped to exactly the bindings, or refused
/// (exit 3, naming the size, the limit and the fixes) when that does not fit the size limit, unless --widen allows a
/// wider scope for the new bindings. Calls nothing remote.
/// </summary>
public sealed class TrustAddPodIdentityVerb : IVerb
{
    public string Name => "trust add-pod-identity";
    public bool UsesStateFile => false;
    public string Summary => "add EKS Pod Identity trust to a role trust policy (scoped to the bindings) and show the diff";

    public static readonly VerbOption<string> Policy = VerbOption.RequiredText("--policy", "FILE", "trust policy JSON (plain or URL-encoded)");
    public static readonly VerbOption<IReadOnlyList<string>> Bindings = VerbOption.Many("--binding", "CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT", "a binding to trust, e.g. arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/api");
    public static readonly VerbOption<string> Widen = RewriteReport.WidenOption("when exact scoping is over the size limit, widen the new bindings' statements at most to: none (default: refuse), cluster-namespace, cluster or unscoped");
    public static readonly VerbOption<bool> Unscoped = VerbOption.Flag("--unscoped", "add the plain pods.eks.amazonaws.com statement without session-tag conditions (wider trust)");
    public static readonly VerbOption<int?> SizeLimit = RewriteReport.SizeLimitOption();
    public static readonly VerbOption<string> Output = RewriteReport.OutputOption();

    public IReadOnlyList<VerbOption> Options => [Policy, Bindings, Widen, Unscoped, SizeLimit, Output];
    public Type Handler => typeof(TrustAddPodIdentityHandler);

    public sealed class TrustAddPodIdentityHandler(VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => AddAsync(args, console, ct);
    }

    private static async Task<int> AddAsync(CliArgs args, VerbConsole console, CancellationToken ct)
    {
        var json = args.Get(Output) == "json";
        var bindings = args.Get(Bindings).Select(Binding.Parse).ToList();
        var unscoped = args.Get(Unscoped);
        if (bindings.Count == 0 && !unscoped)
            throw new UsageException("give at least one --binding CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT to scope the trust to, or --unscoped for the plain statement.");
        var options = RewriteReport.Options(args, SizeLimit, Widen, scoped: !unscoped);
        var path = args.Get(Policy);
        var document = await PolicyFile.ReadAsync(path, ct);
        if (PolicyFile.ParseOrReport(document, path, json, console.Out) is null)
            return ExitCodes.InvalidInput;
        var result = TrustPolicyRewriter.AddPodIdentityTrust(document, bindings, options);
        return RewriteReport.Print(console, document, result, options.SizeLimit, json);
    }
}

/// <summary>Reads CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT (the cluster ARN itself contains one '/').</summary>
internal static class Binding
{
    public static PodIdentityBinding Parse(string value)
    {
        var last = value.LastIndexOf('/');
        var middle = last > 0 ? value.LastIndexOf('/', last - 1) : -1;
        if (middle <= 0)
            throw new UsageException($"--binding '{value}' must be CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT, e.g. arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/api.");
        var binding = new PodIdentityBinding(value[..middle], value[(middle + 1)..last], value[(last + 1)..]);
        return binding.Problem() is { } problem ? throw new UsageException($"--binding '{value}': {problem}.") : binding;
    }
}
