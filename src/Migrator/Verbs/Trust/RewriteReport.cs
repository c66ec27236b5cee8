using Migrator.Cli;
using Migrator.Core.Trust;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Verbs.Trust;

/// <summary>Prints a rewrite: the new document and a diff (text), or both in one JSON object; warnings on stderr.</summary>
internal static class RewriteReport
{
    public static int Print(VerbContext context, string original, TrustRewriteResult result, int sizeLimit, bool json)
    {
        var diff = result.Changed ? Diff(original, result.Document) : "";
        if (json)
        {
            JsonOutput.Write(context.Out, new
            {
                success = result.Success,
                changed = result.Changed,
                document = result.Document,
                diff,
                warnings = result.Warnings,
                error = result.Error,
                size = result.Size,
                sizeLimit,
                scope = result.Scope?.ToString(),
            });
        }
        else
        {
            foreach (var w in result.Warnings)
                context.Error.WriteLine($"warning: {w}");
            if (!result.Success)
            {
                context.Error.WriteLine($"error: {result.Error}");
                return ExitCodes.InvalidInput;
            }
            context.Out.WriteLine(result.Document.TrimEnd('\n'));
            context.Out.WriteLine();
            context.Out.WriteLine(result.Changed
                ? $"# diff ({result.Size} of {sizeLimit} characters, whitespace not counted)"
                : $"# unchanged ({result.Size} of {sizeLimit} characters, whitespace not counted)");
            context.Out.Write(diff);
        }
        return result.Success ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    /// <summary>A compact document is diffed in an indented rendering so the change is visible line by line.</summary>
    private static string Diff(string original, string rewritten)
    {
        var decoded = PolicyDocumentText.Decode(original);
        if (PolicyTreeWriter.LooksIndented(decoded) && PolicyTreeWriter.LooksIndented(rewritten))
            return PolicyDiff.Unified(decoded, rewritten);
        return PolicyDiff.Unified(PolicyDocument.Pretty(decoded), PolicyDocument.Pretty(rewritten), "original (reformatted)", "rewritten (reformatted)");
    }

    public static TrustRewriteOptions Options(CliArgs args, bool scoped) => new()
    {
        Scoped = scoped,
        SizeLimit = args.WholeNumber("--size-limit", 1, 1_000_000) ?? TrustPolicySize.DefaultLimit,
        Widest = Widening(args).Widest(),
    };

    /// <summary>--widen: none (default: exact or refuse), cluster-namespace, cluster or unscoped.</summary>
    public static TrustWidening Widening(CliArgs args) => !args.Declares("--widen") ? TrustWidening.Refuse : args.Choice("--widen", "none", "none", "cluster-namespace", "cluster", "unscoped") switch
    {
        "cluster-namespace" => TrustWidening.ClusterNamespace,
        "cluster" => TrustWidening.Cluster,
        "unscoped" => TrustWidening.Unscoped,
        _ => TrustWidening.Refuse,
    };

    public static OptionSpec WidenOption(string what) =>
        OptionSpec.Value("--widen", "LEVEL", what);
}
