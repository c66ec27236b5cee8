using Microsoft.Extensions.Configuration;
using Migrator.Cli;
using Migrator.Core.Ownership.ChangeSets;
using Migrator.Sandbox;
using Migrator.SandboxHosting;

namespace Migrator.Verbs.Sandbox;

/// <summary>
/// migrator sandbox apply-change-set DIR|FILE [--revert]: plays the owner (Terraform, eksctl, CloudFormation, Helm, Argo
/// CD, Flux) applying change-sets the Migrator wrote, on the `--sandbox` rehearsal's estate (Sandbox:StateFile): every
/// change.json under DIR (in path order), or the one FILE. --revert plays the owner putting its old configuration back
/// (a terraform apply that never took the change, a sync of the old values). A running `sandbox serve` takes the same
/// change on POST /admin/change-set.
/// </summary>
public sealed class SandboxApplyChangeSetVerb : IVerb
{
    public string Name => "sandbox apply-change-set";
    public string Summary => "play the owner: apply (or --revert) change-sets the Migrator wrote to the --sandbox rehearsal's estate";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "DIR|FILE";

    public static readonly VerbOption<bool> Revert = VerbOption.Flag("--revert", "put back what the owner's configuration said before the change (simulates an owner reverting it)");

    public IReadOnlyList<VerbOption> Options => [Revert];
    public Type Handler => typeof(SandboxApplyChangeSetHandler);

    public sealed class SandboxApplyChangeSetHandler(GlobalOptions global, IConfiguration configuration, TimeProvider time, VerbConsole console) : IVerbHandler
    {
        public Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            if (global.Sandbox)
                throw new UsageException("'sandbox apply-change-set' works on the rehearsal's state file; leave out --sandbox.");
            if (args.Positionals.Count != 1)
                throw new UsageException("name the change-set: 'migrator sandbox apply-change-set DIR|FILE' (a directory under Execution:ChangeSetDirectory, or a change.json).");
            var target = Path.GetFullPath(args.Positionals[0]);
            var files = File.Exists(target) ? [Path.GetFileName(target) == OwnerChange.FileName ? target : Path.Combine(Path.GetDirectoryName(target)!, OwnerChange.FileName)]
                : Directory.Exists(target) ? Directory.EnumerateFiles(target, OwnerChange.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : throw new InvalidInputException($"'{target}' does not exist: name a change-set directory (the phase run prints it) or its {OwnerChange.FileName}.");
            if (files.Count == 0 || !File.Exists(files[0]))
                throw new InvalidInputException($"no {OwnerChange.FileName} under '{target}': name a directory the Migrator wrote change-sets to.");

            var settings = configuration.GetSection(SandboxSettings.Section).Get<SandboxSettings>() ?? new SandboxSettings();
            var stateFile = Path.GetFullPath(settings.StateFile);
            if (!File.Exists(stateFile))
                throw new InvalidInputException($"no rehearsal in progress (no state file '{stateFile}'): start one with a --sandbox command first.");
            var estate = SandboxEstateOptions.Load(stateFile);
            var revert = args.Get(Revert);
            var now = time.GetUtcNow();
            var state = new SandboxState(estate, stateFile);
            foreach (var file in files)
            {
                OwnerChange change;
                try
                {
                    change = OwnerChange.Parse(File.ReadAllText(file));
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new InvalidInputException($"{file}: not a change-set ({e.Message}). Fix: name a change.json the Migrator wrote.");
                }
                try
                {
                    console.Out.WriteLine(state.Write(e => OwnerChangeApplier.Apply(e, change, revert, now)));
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidInputException($"{file}: {e.Message}");
                }
            }
            console.Out.WriteLine($"{files.Count} change-set(s) {(revert ? "reverted" : "applied")} to {stateFile}; the next --sandbox command sees them.");
            return Task.FromResult(ExitCodes.Ok);
        }
    }
}
