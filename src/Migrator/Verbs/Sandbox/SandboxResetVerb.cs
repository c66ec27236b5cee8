using Microsoft.Extensions.Configuration;
using Migrator.Cli;
using Migrator.SandboxHosting;

namespace Migrator.Verbs.Sandbox;

/// <summary>
/// migrator sandbox reset [--estate FILE]: ends the `--sandbox` rehearsal in progress (its estate state file and its
/// database of runs, plans and journal) and, with --estate, makes FILE the estate the next rehearsal starts from.
/// Without --estate the next `--sandbox` command starts from the generated estate (Sandbox:Generate).
/// </summary>
public sealed class SandboxResetVerb : IVerb
{
    public string Name => "sandbox reset";
    public bool UsesStateFile => false;
    public string Summary => "start a new --sandbox rehearsal: discard its state and database; --estate FILE to start from that estate";

    public static readonly VerbOption<string?> Estate = VerbOption.Text("--estate", "FILE", "estate file the new rehearsal starts from (default: the generated estate)");

    public IReadOnlyList<VerbOption> Options => [Estate];
    public Type Handler => typeof(SandboxResetHandler);

    public sealed class SandboxResetHandler(GlobalOptions global, IConfiguration configuration, VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            if (global.Sandbox)
                throw new UsageException("'sandbox reset' works on the rehearsal's files; leave out --sandbox.");
            var settings = configuration.GetSection(SandboxSettings.Section).Get<SandboxSettings>() ?? new SandboxSettings();
            var estatePath = args.Get(Estate);
            // Validate before discarding anything: a bad file leaves the rehearsal as it was.
            var estate = estatePath is null ? null : SandboxEstateOptions.Load(estatePath);

            var database = Path.GetFullPath(global.Database ?? settings.Database);
            var stateFile = Path.GetFullPath(settings.StateFile);
            var removed = new List<string>();
            try
            {
                foreach (var file in new[] { stateFile, database, database + "-wal", database + "-shm" }.Where(File.Exists))
                {
                    File.Delete(file);
                    removed.Add(file);
                }
                var directory = Path.GetDirectoryName(database);
                if (directory is not null && Directory.Exists(directory))
                {
                    // Plan lock files of the old database (PlanLockFile); a running executor keeps its own open.
                    foreach (var lockFile in Directory.EnumerateFiles(directory, Path.GetFileName(database) + ".*.lock"))
                        File.Delete(lockFile);
                }
                if (estate is not null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
                    Migrator.Sandbox.EstateFile.Save(estate, stateFile);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidInputException($"cannot reset the rehearsal: {e.Message}. Check the paths Sandbox:StateFile ('{stateFile}') and Sandbox:Database or --db ('{database}').");
            }

            console.Out.WriteLine(removed.Count == 0 ? "no rehearsal in progress." : $"discarded: {string.Join(", ", removed)}");
            console.Out.WriteLine(estatePath is null
                ? $"the next --sandbox command starts a new rehearsal from the generated estate ({settings.Generate.Clusters} clusters, {settings.Generate.ServiceAccounts} service accounts, seed {settings.Generate.Seed})."
                : $"the next --sandbox command starts a new rehearsal from {Path.GetFullPath(estatePath)} (copied to {stateFile}).");
            return Task.FromResult(ExitCodes.Ok);
        }
    }
}
