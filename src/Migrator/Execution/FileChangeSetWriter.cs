using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Ports;

namespace Migrator.Execution;

/// <summary>
/// Writes change-sets as files under Execution:ChangeSetDirectory: one directory per step (PLAN/pN/STEP), each file
/// written beside and renamed over, so an owner's tool never reads half a file. Writing the same change again replaces it.
/// </summary>
public sealed class FileChangeSetWriter(string root) : IChangeSetWriter
{
    public async Task<string> WriteAsync(OwnerChangeSet changeSet, CancellationToken ct)
    {
        var directory = Path.GetFullPath(Path.Combine(root, changeSet.Directory));
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var file in changeSet.Files)
            {
                var path = Path.Combine(directory, file.Name);
                var temp = path + ".tmp";
                await File.WriteAllTextAsync(temp, file.Content, ct);
                File.Move(temp, path, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the change-set to '{directory}': {e.Message}. Fix: make Execution:ChangeSetDirectory ('{root}') writable or point it elsewhere.", e);
        }
        return directory;
    }
}
