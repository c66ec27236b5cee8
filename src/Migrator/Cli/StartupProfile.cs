using System.Runtime;

namespace Migrator.Cli;

/// <summary>
/// Multicore JIT for the command line (<see cref="ProfileOptimization"/>, as the dotnet CLI uses for itself). Each
/// process of a verb records which methods it compiled. The next process of the same verb compiles them on a
/// background thread, ahead of their first call, instead of on the thread that needs them.
/// </summary>
/// <remarks>
/// ReadyToRun cannot precompile the generic async code the clients run first (framework generics over the tool's
/// and its libraries' types), so a fresh process otherwise compiles it on the inventory's critical path (estate
/// benchmark, README). The profiles are a cache: <c>$XDG_CACHE_HOME/migrator/startup</c>, else
/// <c>~/.cache/migrator/startup</c> (<c>%LOCALAPPDATA%</c> on Windows); one file per verb, rewritten at each exit.
/// The runtime skips a recorded module whose build differs, so a new build only starts a new recording. Without a
/// writable cache directory, or on a single core, the tool runs as before. A profile changes when methods are
/// compiled, never what the tool does.
/// </remarks>
public static class StartupProfile
{
    public const string FileExtension = ".jitprofile";

    /// <summary>
    /// Starts recording, and replaying what an earlier process of the same <paramref name="name"/> recorded. Returns
    /// the profile's path, or null when there is no cache directory to keep it in.
    /// </summary>
    public static string? Begin(string name, Func<string, string?> environment)
    {
        if (Directory(environment) is not { } directory)
            return null;
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(name + FileExtension);
        return Path.Combine(directory, name + FileExtension);
    }

    /// <summary>Where the profiles are kept: the user's cache directory, or null when the environment names none.</summary>
    public static string? Directory(Func<string, string?> environment)
    {
        var cache = Rooted(environment("XDG_CACHE_HOME"))
            ?? (Rooted(environment("HOME")) is { } home ? Path.Combine(home, ".cache")
            : OperatingSystem.IsWindows() ? Rooted(environment("LOCALAPPDATA")) : null);
        return cache is null ? null : Path.Combine(cache, "migrator", "startup");
    }

    /// <summary>
    /// The profile's name for a command line: the verb it runs ("inventory", "plan-approve"), as each verb compiles
    /// different code; "migrator" for anything else (help, a mistyped verb).
    /// </summary>
    public static string NameFor(IReadOnlyList<string> args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var verb = VerbCatalog.All
            .Select(v => v.Name.Split(' '))
            .Where(path => path.Length <= words.Count && path.SequenceEqual(words.Take(path.Length), StringComparer.Ordinal))
            .MaxBy(path => path.Length);
        return verb is null ? "migrator" : string.Join('-', verb);
    }

    private static string? Rooted(string? path) => string.IsNullOrEmpty(path) || !Path.IsPathRooted(path) ? null : path;
}
