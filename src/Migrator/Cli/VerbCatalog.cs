using System.Reflection;

namespace Migrator.Cli;

/// <summary>Every verb in this assembly, found by reflection, and the resolution of a command line to one of them.</summary>
public sealed class VerbCatalog
{
    public IReadOnlyList<IVerb> Verbs { get; }

    public VerbCatalog(IEnumerable<IVerb> verbs) => Verbs = verbs.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();

    public static VerbCatalog FromAssembly(Assembly assembly) => new(
        assembly.GetTypes()
            .Where(t => typeof(IVerb).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IVerb)Activator.CreateInstance(t)!));

    /// <summary>The verb whose name is the longest prefix of the leading words, and the tokens after it.</summary>
    public (IVerb? Verb, IReadOnlyList<string> Remaining, string Attempted) Resolve(IReadOnlyList<string> args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        for (var n = words.Count; n > 0; n--)
        {
            var name = string.Join(' ', words.Take(n));
            var verb = Verbs.FirstOrDefault(v => v.Name == name);
            if (verb is not null)
                return (verb, args.Skip(n).ToList(), name);
        }
        return (null, args, string.Join(' ', words));
    }

    public void WriteHelp(TextWriter w, string? prefix = null)
    {
        w.WriteLine("migrator: move EKS workloads from IRSA to EKS Pod Identity, safely, across many clusters.");
        w.WriteLine();
        w.WriteLine("Usage: migrator VERB [options] [--sandbox] [--verbose] [--db FILE] [--config FILE]");
        w.WriteLine();
        var verbs = Verbs.Where(v => prefix is null || v.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var width = verbs.Count == 0 ? 0 : verbs.Max(v => v.Name.Length);
        foreach (var v in verbs)
            w.WriteLine($"  {v.Name.PadRight(width)}  {v.Summary}");
        w.WriteLine();
        w.WriteLine("Run 'migrator VERB --help' for a verb's options. Exit codes: 0 ok, 1 failure, 2 usage, 3 invalid input, 4 partial, 5 regressions (run).");
    }

    public static void WriteVerbHelp(TextWriter w, IVerb verb)
    {
        w.WriteLine($"migrator {verb.Name}{(verb.PositionalHelp is null ? "" : " " + verb.PositionalHelp)} [options]");
        w.WriteLine($"  {verb.Summary}");
        if (verb.Options.Count == 0) return;
        w.WriteLine();
        var rows = verb.Options.Select(o => (Left: o.Name + (o.IsFlag ? "" : $" {o.ValueName ?? "VALUE"}") + (o.Repeatable ? " ..." : ""), o)).ToList();
        var width = rows.Max(r => r.Left.Length);
        foreach (var (left, o) in rows)
            w.WriteLine($"  {left.PadRight(width)}  {o.Help}{(o.Required ? " (required)" : "")}");
    }
}
