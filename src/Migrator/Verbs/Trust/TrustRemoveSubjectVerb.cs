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

    public static readonly VerbOption<string> Policy = VerbOption.RequiredText("--policy", "FILE", "trust policy JSON (plain or URL-encoded)");
    public static readonly VerbOption<string> Issuer = VerbOption.RequiredText("--issuer", "ISSUER", "OIDC issuer of the cluster (https:// optional)");
    public static readonly VerbOption<string> Namespace = VerbOption.RequiredText("--namespace", "NS", "namespace of the service account");
    public static readonly VerbOption<string> ServiceAccount = VerbOption.RequiredText("--service-account", "SA", "service account name");
    public static readonly VerbOption<int?> SizeLimit = RewriteReport.SizeLimitOption();
    public static readonly VerbOption<string> Output = RewriteReport.OutputOption();

    public IReadOnlyList<VerbOption> Options => [Policy, Issuer, Namespace, ServiceAccount, SizeLimit, Output];
    public Type Handler => typeof(TrustRemoveSubjectHandler);

    public sealed class TrustRemoveSubjectHandler(VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => RemoveAsync(args, console, ct);
    }

    private static async Task<int> RemoveAsync(CliArgs args, VerbConsole console, CancellationToken ct)
    {
        var json = args.Get(Output) == "json";
        var options = RewriteReport.Options(args, SizeLimit, null, scoped: true);
        var path = args.Get(Policy);
        var document = await PolicyFile.ReadAsync(path, ct);
        if (PolicyFile.ParseOrReport(document, path, json, console.Out) is null)
            return ExitCodes.InvalidInput;
        var result = TrustPolicyRewriter.RemoveIrsaSubject(document, args.Get(Issuer), args.Get(Namespace), args.Get(ServiceAccount), options);
        return RewriteReport.Print(console, document, result, options.SizeLimit, json);
    }
}
