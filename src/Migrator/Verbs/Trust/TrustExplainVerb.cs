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

    public static readonly VerbOption<string> Policy = VerbOption.RequiredText("--policy", "FILE", "trust policy JSON (plain or URL-encoded as IAM GetRole returns it)");
    public static readonly VerbOption<string?> Issuer = VerbOption.Text("--issuer", "ISSUER", "OIDC issuer, e.g. oidc.eks.us-east-1.amazonaws.com/id/ABC (https:// optional)");
    public static readonly VerbOption<string?> ProviderAccount = VerbOption.Text("--provider-account", "ACCOUNT", "account of the IAM OIDC provider (the role's account)");
    public static readonly VerbOption<string?> Namespace = VerbOption.Text("--namespace", "NS", "Kubernetes namespace of the service account");
    public static readonly VerbOption<string?> ServiceAccount = VerbOption.Text("--service-account", "SA", "service account name");
    public static readonly VerbOption<string?> Audience = VerbOption.Text("--audience", "AUD", "token audience (default sts.amazonaws.com)");
    public static readonly VerbOption<string?> PartitionOption = VerbOption.Text("--partition", "PARTITION", "aws, aws-cn or aws-us-gov (default: from the issuer's region)");
    public static readonly VerbOption<string?> Subjects = VerbOption.Text("--subjects", "FILE", "JSON array of {issuer, providerAccount, namespace, serviceAccount, audience?}");
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

    public IReadOnlyList<VerbOption> Options => [Policy, Issuer, ProviderAccount, Namespace, ServiceAccount, Audience, PartitionOption, Subjects, Output];
    public Type Handler => typeof(TrustExplainHandler);

    private static readonly VerbOption<string?>[] SingleSubject = [Issuer, ProviderAccount, Namespace, ServiceAccount];

    public sealed class TrustExplainHandler(VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct) => ExplainAsync(args, console.Out, ct);
    }

    private static async Task<int> ExplainAsync(CliArgs args, TextWriter output, CancellationToken ct)
    {
        var json = args.Get(Output) == "json";
        var policyPath = args.Get(Policy);
        var requests = await RequestsAsync(args, ct);
        var document = await PolicyFile.ReadAsync(policyPath, ct);
        var policy = PolicyFile.ParseOrReport(document, policyPath, json, output);
        if (policy is null)
            return ExitCodes.InvalidInput;

        var ready = TrustEvaluator.TrustsPodIdentity(policy);
        var subjects = TrustedSubjects.Of(policy);
        var decisions = requests.Select(r => TrustEvaluator.EvaluateIrsa(policy, r)).ToList();
        if (json)
        {
            JsonOutput.Write(output, new
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

        var w = output;
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
        var subjectsFile = args.Get(Subjects);
        if (subjectsFile is not null && (given.Count > 0 || args.Has(Audience)))
            throw new UsageException("give either --subjects FILE or --issuer/--provider-account/--namespace/--service-account, not both.");
        if (subjectsFile is null)
        {
            if (given.Count != SingleSubject.Length)
                throw new UsageException($"name the subject with {string.Join(", ", SingleSubject)} (missing: {string.Join(", ", SingleSubject.Except(given))}), or give --subjects FILE.");
            var issuer = args.Get(Issuer)!;
            var partition = Partition(args.Get(PartitionOption), issuer);
            return [new IrsaRequest(partition, Account(args.Get(ProviderAccount)!, "--provider-account"), issuer,
                args.Get(Namespace)!, args.Get(ServiceAccount)!, args.Get(Audience) ?? "sts.amazonaws.com")];
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
