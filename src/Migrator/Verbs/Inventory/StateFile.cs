using Migrator.Cli;
using Migrator.Storage;

namespace Migrator.Verbs.Inventory;

/// <summary>Turns a state file that cannot be opened or written into invalid input (exit 3) naming the file and the fix.</summary>
internal static class StateFile
{
    public static async Task<T> Use<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (StorageException e)
        {
            throw new InvalidInputException(e.Message, e);
        }
    }
}
