using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Sandbox;

namespace Migrator.SandboxHosting;

/// <summary>
/// `--sandbox`: starts the simulated estate in-process and layers configuration over the user's so that the AWS and
/// Kubernetes adapters talk to it (endpoints, the operator's credentials, one account entry per estate account with
/// its access role) and state goes to the sandbox's own database.
/// </summary>
public static class SandboxComposition
{
    public static async Task AddSandboxAsync(HostApplicationBuilder builder, GlobalOptions global, CancellationToken ct)
    {
        var settings = builder.Configuration.GetSection(SandboxSettings.Section).Get<SandboxSettings>() ?? new SandboxSettings();
        if (new SandboxSettingsValidator().Validate(null, settings) is { Failed: true } invalid)
            throw new OptionsValidationException(SandboxSettings.Section, typeof(SandboxSettings), invalid.Failures);
        var estate = LoadEstate(global, settings);
        // Every change is on disk before it is answered: a rehearsal killed mid-phase resumes with what it did.
        var server = await SandboxServer.StartAsync(estate, new SandboxOptions { Realism = settings.Realism, StateFile = settings.StateFile }, ct);

        var overrides = new Dictionary<string, string?>
        {
            ["Aws:Endpoints:Eks"] = server.Endpoints.EksUrl,
            ["Aws:Endpoints:Iam"] = server.Endpoints.IamUrl,
            ["Aws:Endpoints:Sts"] = server.Endpoints.StsUrl,
            ["Aws:Endpoints:CloudTrail"] = server.Endpoints.CloudTrailUrl,
            ["Aws:Credentials:AccessKeyId"] = server.OperatorCredentials.AccessKeyId,
            ["Aws:Credentials:SecretAccessKey"] = server.OperatorCredentials.SecretAccessKey,
            ["Aws:Credentials:SessionToken"] = null,
        };
        // The user's own account list does not apply to the simulated estate: replace it.
        foreach (var key in builder.Configuration.AsEnumerable().Select(kv => kv.Key).Where(k => k.StartsWith("Aws:Accounts:", StringComparison.OrdinalIgnoreCase)).ToList())
            overrides[key] = null;
        for (var i = 0; i < estate.Accounts.Count; i++)
        {
            var account = estate.Accounts[i];
            overrides[$"Aws:Accounts:{i}:Id"] = account.Id;
            if (!string.IsNullOrEmpty(account.AccessRoleName))
                overrides[$"Aws:Accounts:{i}:RoleArn"] = $"arn:{account.Partition}:iam::{account.Id}:role/{account.AccessRoleName}";
            var regions = account.Regions.Count > 0
                ? account.Regions
                : estate.Clusters.Where(c => c.AccountId == account.Id).Select(c => c.Region).Distinct().ToList();
            for (var r = 0; r < regions.Count; r++)
                overrides[$"Aws:Accounts:{i}:Regions:{r}"] = regions[r];
        }
        // The simulated CloudTrail delivers after its own delay: the evidence gate waits exactly that long, not real CloudTrail's 15 minutes.
        overrides["Evidence:DeliveryDelay"] = TimeSpan.FromMilliseconds(settings.Realism.CloudTrailDeliveryDelayMs).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        if (global.Database is null)
            overrides["Storage:Path"] = settings.Database;
        OwnerDefaults(builder.Configuration, settings, overrides);
        builder.Configuration.AddInMemoryCollection(overrides);

        builder.Services.AddSingleton(sp => new SandboxSession(server, settings.StateFile, sp.GetRequiredService<ILogger<SandboxSession>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SandboxSession>());
    }

    /// <summary>
    /// The rehearsal's saved state when there is one; else --estate, else the generated estate. --estate never replaces
    /// a rehearsal in progress: that takes 'migrator sandbox reset --estate FILE'.
    /// </summary>
    private static Estate LoadEstate(GlobalOptions global, SandboxSettings settings)
    {
        try
        {
            if (File.Exists(settings.StateFile))
            {
                if (global.SandboxEstate is not null)
                    throw new InvalidInputException($"a rehearsal is in progress in '{Path.GetFullPath(settings.StateFile)}' (Sandbox:StateFile); --estate only starts a new one. " +
                        $"Run 'migrator sandbox reset --estate {global.SandboxEstate}' to discard it and start from that estate, or leave out --estate to continue it.");
                return EstateFile.Load(settings.StateFile);
            }
            if (global.SandboxEstate is not null)
                return EstateFile.Load(global.SandboxEstate);
            return EstateGenerator.Generate(settings.Generate).Estate;
        }
        catch (EstateValidationException e)
        {
            throw new InvalidInputException(e.Message, e);
        }
    }

    /// <summary>What a rehearsal assumes of owners unless configured (<see cref="SandboxSettings.OwnerChangeSets"/>).</summary>
    private static void OwnerDefaults(IConfiguration configuration, SandboxSettings settings, Dictionary<string, string?> overrides)
    {
        if (settings.OwnerChangeSets ?? settings.Generate.Owners)
        {
            if (!configuration.GetSection($"{Core.Ownership.OwnershipSettings.Section}:TerraformTags").GetChildren().Any())
                overrides[$"{Core.Ownership.OwnershipSettings.Section}:TerraformTags:{OwnerMarks.TerraformTagKey}"] = OwnerMarks.TerraformTagValue;
            return;
        }
        foreach (var kind in Enum.GetValues<Core.Ownership.OwnerKind>())
        {
            if (configuration[$"Planning:OwnerModes:{kind}"] is null)
                overrides[$"Planning:OwnerModes:{kind}"] = nameof(Core.Ownership.ExecutionMode.Direct);
        }
    }
}
