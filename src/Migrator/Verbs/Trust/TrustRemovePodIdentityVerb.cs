using Migrator.Cli;
using Migrator.Core.Trust;

namespace Migrator.Verbs.Trust;

/// <summary>
/// migrator trust remove-pod-identity --policy FILE (--binding CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT ... [--widen LEVEL] [--keep ...] | --all):
/// the inverse of trust add-pod-identity. Prints the policy without the Pod Identity trust the Migrator added for the
/// bindings (at the scope they were added with, --widen as given to add) and a diff; --all drops every Migrator Pod
/// Identity statement. Statements the Migrator did not write are never touched. Calls nothing remote.
/// </summary>
public sealed class TrustRemovePodIdentityVerb : IVerb
{
    public string Name => "trust remove-pod-identity";
    public bool UsesStateFile => false;
    public string Summary => "remove the EKS Pod Identity trust the Migrator added for bindings (the inverse of add-pod-identity) and show the diff";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--policy", "FILE", "trust policy JSON (plain or URL-encoded)", required: true),
        OptionSpec.Many("--binding", "CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT", "a binding whose Pod Identity trust to remove"),
        RewriteReport.WidenOption("the widening the bindings were added with, so widened statements go too: none (default: exact statements only), cluster-namespace, cluster or unscoped"),
        OptionSpec.Many("--keep", "CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT", "a binding that must stay trusted: a widened statement that admits it is kept"),
        OptionSpec.Flag("--all", "remove every Migrator Pod Identity statement (Sid MigratorPodIdentity*), whatever it trusts"),
        OptionSpec.Number("--size-limit", "N", "role trust policy quota in characters (default 2048)"),
        OptionSpec.Value("--output", "FORMAT", "text (default: document, then diff) or json"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var args = context.Args;
        var json = args.Choice("--output", "text", "text", "json") == "json";
        var bindings = args.Values("--binding").Select(Binding.Parse).ToList();
        var all = args.Flag("--all");
        if (all == (bindings.Count > 0))
            throw new UsageException("give the bindings whose trust to remove (--binding CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT, repeatable) or --all, not both.");
        if (all && (args.Has("--widen") || args.Has("--keep")))
            throw new UsageException("--widen and --keep go with --binding; --all removes every Migrator Pod Identity statement.");
        var options = RewriteReport.Options(args, scoped: true);
        var keep = args.Values("--keep").Select(Binding.Parse).ToList();
        var path = args.Required("--policy");
        var document = await PolicyFile.ReadAsync(path, ct);
        if (PolicyFile.ParseOrReport(document, path, json, context.Out) is null)
            return ExitCodes.InvalidInput;
        var result = all
            ? TrustPolicyRewriter.RemoveAllPodIdentityTrust(document, options)
            : TrustPolicyRewriter.RemovePodIdentityTrust(document, bindings, options, keep);
        return RewriteReport.Print(context, document, result, options.SizeLimit, json);
    }
}
