namespace Migrator.Sandbox.Tests;

/// <summary>Files of the repository the tests read (examples, docs), found from the test binary's folder.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Migrator.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Migrator.sln not found above " + AppContext.BaseDirectory);
    }
}
