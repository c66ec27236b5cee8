namespace Migrator.Sandbox;

/// <summary>Writes a file that holds secrets (credentials, tokens) readable and writable by its owner only (0600).</summary>
public static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void WriteAllText(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, content);
            return;
        }
        // An existing file keeps its mode when rewritten: narrow it before the secret goes in.
        if (File.Exists(path))
            File.SetUnixFileMode(path, OwnerReadWrite);
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
