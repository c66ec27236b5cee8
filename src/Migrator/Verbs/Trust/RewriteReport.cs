using Migrator.Cli;
using Migrator.Core.Trust;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Verbs.Trust;

/// <summary>Prints a rewrite: the new document and a diff (text), or both in one JSON object; warnings on stderr.</summary>
internal static class RewriteReport
{
    public static int Print(VerbConsole console, string original, TrustRewriteResult result, int sizeLimit, bool json)
    {
        var diff = result.Changed ? Diff(original, result.Document) : "";
        if (json)
        {
            JsonOutput.Write(console.Out, new
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
                console.Error.WriteLine($"warning: {w}");
            if (!result.Success)
            {
                console.Error.WriteLine($"error: {result.Error}");
                return ExitCodes.InvalidInput;
            }
            console.Out.WriteLine(result.Document.TrimEnd('\n'));
            console.Out.WriteLine();
            console.Out.WriteLine(result.Changed
                ? $"# diff ({result.Size} of {sizeLimit} characters, whitespace not counted)"
                : $"# unchanged ({result.Size} of {sizeLimit} characters, whitespace not counted)");
            console.Out.Write(diff);
        }
        return result.Success ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    /// <summary>A compact document is diffed in an indented rendering so the change is visible line by line.</summary>
    internal static string Diff(string original, string rewritten)
    {
        var decoded = PolicyDocumentText.Decode(original);
        if (PolicyTreeWriter.LooksIndented(decoded) && PolicyTreeWriter.LooksIndented(rewritten))
            return PolicyDiff.Unified(decoded, rewritten);
        return PolicyDiff.Unified(PolicyDocument.Pretty(decoded), PolicyDocument.Pretty(rewritten), "original (reformatted)", "rewritten (reformatted)");
    }

    /// <summary>The rewrite options from a verb's --size-limit and, when it has one, --widen.</summary>
    public static TrustRewriteOptions Options(CliArgs args, VerbOption<int?> sizeLimit, VerbOption<string>? widen, bool scoped) => new()
    {
        Scoped = scoped,
        SizeLimit = args.Get(sizeLimit) ?? TrustPolicySize.DefaultLimit,
        Widest = (widen is null ? TrustWidening.Refuse : Widening(args.Get(widen))).Widest(),
    };

    /// <summary>--widen: none (default: exact or refuse), cluster-namespace, cluster or unscoped.</summary>
    private static TrustWidening Widening(string level) => level switch
    {
        "cluster-namespace" => TrustWidening.ClusterNamespace,
        "cluster" => TrustWidening.Cluster,
        "unscoped" => TrustWidening.Unscoped,
        _ => TrustWidening.Refuse,
    };

    public static VerbOption<string> WidenOption(string what) =>
        VerbOption.Choice("--widen", "LEVEL", what, "none", "none", "cluster-namespace", "cluster", "unscoped");

    public static VerbOption<int?> SizeLimitOption() =>
        VerbOption.Number("--size-limit", "N", "role trust policy quota in characters (default 2048)", 1, 1_000_000);

    public static VerbOption<string> OutputOption() =>
        VerbOption.Choice("--output", "FORMAT", "text (default: document, then diff) or json", "text", "text", "json");
}
