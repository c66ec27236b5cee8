using Migrator.Cli;
using Migrator.Core.Trust;

namespace Migrator.Verbs.Trust;

/// <summary>
/// migrator trust remove-subject --policy FILE --issuer ISSUER --namespace NS --service-account SA: prints the policy
/// without exactly that IRSA subject (other clusters, GitHub Actions and other service accounts untouched) and a diff,
/// or refuses with the reason (exit 3) when only a wildcard admits it. Calls nothing remote.
/// </summary>
public sealed class TrustRemoveSubjectVerb : IVerb
{
    public string Name => "trust remove-subject";
    public bool UsesStateFile => false;
    public string Summary => "remove one IRSA subject (issuer + namespace + service account) from a trust policy and show the diff";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--policy", "FILE", "trust policy JSON (plain or URL-encoded)", required: true),
        OptionSpec.Value("--issuer", "ISSUER", "OIDC issuer of the cluster (https:// optional)", required: true),
        OptionSpec.Value("--namespace", "NS", "namespace of the service account", required: true),
        OptionSpec.Value("--service-account", "SA", "service account name", required: true),
        OptionSpec.Number("--size-limit", "N", "role trust policy quota in characters (default 2048)"),
        OptionSpec.Value("--output", "FORMAT", "text (default: document, then diff) or json"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var args = context.Args;
        var json = args.Choice("--output", "text", "text", "json") == "json";
        var options = RewriteReport.Options(args, scoped: true);
        var path = args.Required("--policy");
        var document = await PolicyFile.ReadAsync(path, ct);
        if (PolicyFile.ParseOrReport(document, path, json, context.Out) is null)
            return ExitCodes.InvalidInput;
        var result = TrustPolicyRewriter.RemoveIrsaSubject(document, args.Required("--issuer"), args.Required("--namespace"), args.Required("--service-account"), options);
        return RewriteReport.Print(context, document, result, options.SizeLimit, json);
    }
}
