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

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--policy", "FILE", "trust policy JSON (plain or URL-encoded)", required: true),
        OptionSpec.Many("--binding", "CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT", "a binding to trust, e.g. arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/api"),
        RewriteReport.WidenOption("when exact scoping is over the size limit, widen the new bindings' statements at most to: none (default: refuse), cluster-namespace, cluster or unscoped"),
        OptionSpec.Flag("--unscoped", "add the plain pods.eks.amazonaws.com statement without session-tag conditions (wider trust)"),
        OptionSpec.Number("--size-limit", "N", "role trust policy quota in characters (default 2048)"),
        OptionSpec.Value("--output", "FORMAT", "text (default: document, then diff) or json"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var args = context.Args;
        var json = args.Choice("--output", "text", "text", "json") == "json";
        var bindings = args.Values("--binding").Select(Binding.Parse).ToList();
        var unscoped = args.Flag("--unscoped");
        if (bindings.Count == 0 && !unscoped)
            throw new UsageException("give at least one --binding CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT to scope the trust to, or --unscoped for the plain statement.");
        var options = RewriteReport.Options(args, scoped: !unscoped);
        var path = args.Required("--policy");
        var document = await PolicyFile.ReadAsync(path, ct);
        if (PolicyFile.ParseOrReport(document, path, json, context.Out) is null)
            return ExitCodes.InvalidInput;
        var result = TrustPolicyRewriter.AddPodIdentityTrust(document, bindings, options);
        return RewriteReport.Print(context, document, result, options.SizeLimit, json);
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
