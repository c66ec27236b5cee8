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

    public static readonly VerbOption<string> Policy = VerbOption.RequiredText("--policy", "FILE", "trust policy JSON (plain or URL-encoded)");
    public static readonly VerbOption<IReadOnlyList<string>> Bindings = VerbOption.Many("--binding", "CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT", "a binding whose Pod Identity trust to remove");
    public static readonly VerbOption<string> Widen = RewriteReport.WidenOption("the widening the bindings were added with, so widened statements go too: none (default: exact statements only), cluster-namespace, cluster or unscoped");
    public static readonly VerbOption<IReadOnlyList<string>> Keep = VerbOption.Many("--keep", "CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT", "a binding that must stay trusted: a widened statement that admits it is kept");
    public static readonly VerbOption<bool> All = VerbOption.Flag("--all", "remove every Migrator Pod Identity statement (Sid MigratorPodIdentity*), whatever it trusts");
    public static readonly VerbOption<int?> SizeLimit = RewriteReport.SizeLimitOption();
    public static readonly VerbOption<string> Output = RewriteReport.OutputOption();

    public IReadOnlyList<VerbOption> Options => [Policy, Bindings, Widen, Keep, All, SizeLimit, Output];
    public Type Handler => typeof(TrustRemovePodIdentityHandler);

    public sealed class TrustRemovePodIdentityHandler(VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => RemoveAsync(args, console, ct);
    }

    private static async Task<int> RemoveAsync(CliArgs args, VerbConsole console, CancellationToken ct)
    {
        var json = args.Get(Output) == "json";
        var bindings = args.Get(Bindings).Select(Binding.Parse).ToList();
        var all = args.Get(All);
        if (all == (bindings.Count > 0))
            throw new UsageException("give the bindings whose trust to remove (--binding CLUSTER_ARN/NAMESPACE/SERVICEACCOUNT, repeatable) or --all, not both.");
        if (all && (args.Has(Widen) || args.Has(Keep)))
            throw new UsageException("--widen and --keep go with --binding; --all removes every Migrator Pod Identity statement.");
        var options = RewriteReport.Options(args, SizeLimit, Widen, scoped: true);
        var keep = args.Get(Keep).Select(Binding.Parse).ToList();
        var path = args.Get(Policy);
        var document = await PolicyFile.ReadAsync(path, ct);
        if (PolicyFile.ParseOrReport(document, path, json, console.Out) is null)
            return ExitCodes.InvalidInput;
        var result = all
            ? TrustPolicyRewriter.RemoveAllPodIdentityTrust(document, options)
            : TrustPolicyRewriter.RemovePodIdentityTrust(document, bindings, options, keep);
        return RewriteReport.Print(console, document, result, options.SizeLimit, json);
    }
}
