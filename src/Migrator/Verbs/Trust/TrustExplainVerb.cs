using System.Text.Json;
using Migrator.Cli;
using Migrator.Core.Trust;

namespace Migrator.Verbs.Trust;

/// <summary>
/// migrator trust explain --policy FILE (--issuer I --provider-account A --namespace NS --service-account SA
/// [--audience AUD] | --subjects FILE) [--output json|text]: whether IRSA subjects may assume the role, and why,
/// per statement; plus Pod Identity readiness and the subjects the policy trusts. Calls nothing remote.
/// </summary>
public sealed class TrustExplainVerb : IVerb
{
    public string Name => "trust explain";
    public bool UsesStateFile => false;
    public string Summary => "explain a role trust policy: IRSA decisions per subject, trusted subjects, Pod Identity readiness";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--policy", "FILE", "trust policy JSON (plain or URL-encoded as IAM GetRole returns it)", required: true),
        OptionSpec.Value("--issuer", "ISSUER", "OIDC issuer, e.g. oidc.eks.us-east-1.amazonaws.com/id/ABC (https:// optional)"),
        OptionSpec.Value("--provider-account", "ACCOUNT", "account of the IAM OIDC provider (the role's account)"),
        OptionSpec.Value("--namespace", "NS", "Kubernetes namespace of the service account"),
        OptionSpec.Value("--service-account", "SA", "service account name"),
        OptionSpec.Value("--audience", "AUD", "token audience (default sts.amazonaws.com)"),
        OptionSpec.Value("--partition", "PARTITION", "aws, aws-cn or aws-us-gov (default: from the issuer's region)"),
        OptionSpec.Value("--subjects", "FILE", "JSON array of {issuer, providerAccount, namespace, serviceAccount, audience?}"),
        OptionSpec.Value("--output", "FORMAT", "text (default) or json"),
    ];

    private static readonly string[] SingleSubject = ["--issuer", "--provider-account", "--namespace", "--service-account"];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var args = context.Args;
        var json = args.Choice("--output", "text", "text", "json") == "json";
        var policyPath = args.Required("--policy");
        var requests = await RequestsAsync(args, ct);
        var document = await PolicyFile.ReadAsync(policyPath, ct);
        var policy = PolicyFile.ParseOrReport(document, policyPath, json, context.Out);
        if (policy is null)
            return ExitCodes.InvalidInput;

        var ready = TrustEvaluator.TrustsPodIdentity(policy);
        var subjects = TrustedSubjects.Of(policy);
        var decisions = requests.Select(r => TrustEvaluator.EvaluateIrsa(policy, r)).ToList();
        if (json)
        {
            JsonOutput.Write(context.Out, new
            {
                valid = true,
                podIdentityReady = ready,
                trustedSubjects = subjects.Select(s => new
                {
                    providerArn = s.ProviderArn,
                    providerAccount = s.ProviderAccount,
                    issuer = s.Issuer,
                    kind = s.Kind.ToString(),
                    @namespace = s.Namespace,
                    serviceAccount = s.ServiceAccount,
                    pattern = s.Pattern,
                    audiences = s.Audiences,
                    statementIndex = s.StatementIndex,
                }),
                results = decisions.Select(d => new
                {
                    issuer = d.Request.NormalizedIssuer,
                    @namespace = d.Request.Namespace,
                    serviceAccount = d.Request.ServiceAccount,
                    audience = d.Request.Audience,
                    irsaAllowed = d.Allowed,
                    summary = d.Summary,
                    explanation = d.Statements.Select(s => s.Explanation),
                }),
            });
            return ExitCodes.Ok;
        }

        var w = context.Out;
        w.WriteLine($"{policyPath}: valid trust policy, {policy.Statements.Count} statement{(policy.Statements.Count == 1 ? "" : "s")}, {TrustPolicySize.Count(document)} characters (whitespace not counted)");
        w.WriteLine($"Pod Identity trust (pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession): {(ready ? "yes" : "no")}");
        w.WriteLine(subjects.Count == 0 ? "trusted OIDC subjects: none" : "trusted OIDC subjects:");
        foreach (var s in subjects)
        {
            var audiences = s.Audiences.Count == 0 ? "any audience" : $"audience {string.Join(", ", s.Audiences)}";
            w.WriteLine($"  statement {s.StatementIndex}: {s.Issuer} {s.Pattern} ({s.Kind}, {audiences}, provider account {s.ProviderAccount})");
        }
        foreach (var d in decisions)
        {
            w.WriteLine();
            w.WriteLine($"{(d.Allowed ? "ALLOWED" : "DENIED")} {d.Summary}");
            foreach (var s in d.Statements)
                w.WriteLine($"  {s.Explanation}");
        }
        return ExitCodes.Ok;
    }

    private static async Task<List<IrsaRequest>> RequestsAsync(CliArgs args, CancellationToken ct)
    {
        var given = SingleSubject.Where(args.Has).ToList();
        var subjectsFile = args.Value("--subjects");
        if (subjectsFile is not null && (given.Count > 0 || args.Has("--audience")))
            throw new UsageException("give either --subjects FILE or --issuer/--provider-account/--namespace/--service-account, not both.");
        if (subjectsFile is null)
        {
            if (given.Count != SingleSubject.Length)
                throw new UsageException($"name the subject with {string.Join(", ", SingleSubject)} (missing: {string.Join(", ", SingleSubject.Except(given))}), or give --subjects FILE.");
            var issuer = args.Required("--issuer");
            var partition = Partition(args.Value("--partition"), issuer);
            return [new IrsaRequest(partition, Account(args.Required("--provider-account"), "--provider-account"), issuer,
                args.Required("--namespace"), args.Required("--service-account"), args.Value("--audience") ?? "sts.amazonaws.com")];
        }
        if (!File.Exists(subjectsFile))
            throw new InvalidInputException($"--subjects file '{subjectsFile}' does not exist.");
        var text = await File.ReadAllTextAsync(subjectsFile, ct);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"--subjects file '{subjectsFile}' must hold a JSON array of {{\"issuer\",\"providerAccount\",\"namespace\",\"serviceAccount\",\"audience\"?}}.");
            var requests = new List<IrsaRequest>();
            var index = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                index++;
                string Field(string name, bool required = true)
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
                        return s;
                    if (required)
                        throw new InvalidInputException($"--subjects file '{subjectsFile}': entry {index} needs a non-empty string \"{name}\".");
                    return "";
                }
                var issuer = Field("issuer");
                var partition = Partition(Field("partition", required: false) is { Length: > 0 } p ? p : null, issuer);
                var audience = Field("audience", required: false);
                requests.Add(new IrsaRequest(partition, Account(Field("providerAccount"), $"entry {index} providerAccount"), issuer,
                    Field("namespace"), Field("serviceAccount"), audience.Length > 0 ? audience : "sts.amazonaws.com"));
            }
            return requests;
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"--subjects file '{subjectsFile}' is not valid JSON: {e.Message}");
        }
    }

    private static string Partition(string? given, string issuer)
    {
        if (given is null)
            return AwsPartition.OfIssuer(issuer);
        return AwsPartition.IsKnown(given) ? given : throw new UsageException($"--partition must be aws, aws-cn or aws-us-gov; got '{given}'.");
    }

    private static string Account(string value, string what) =>
        value.Length == 12 && value.All(char.IsAsciiDigit) ? value : throw new UsageException($"{what} must be a 12-digit AWS account id; got '{value}'.");
}
