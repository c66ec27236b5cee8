using Microsoft.Extensions.Options;

namespace Migrator.Configuration;

/// <summary>
/// The configuration problems an exception carries, however the host raised them: our own check, one section's
/// validation, several sections' at once (an AggregateException from ValidateOnStart), or a value the binder could not convert.
/// </summary>
public static class ConfigurationFailures
{
    public static IReadOnlyList<string> Of(Exception e)
    {
        var failures = new List<string>();
        Collect(e, failures);
        return failures;
    }

    private static void Collect(Exception e, List<string> failures)
    {
        switch (e)
        {
            case InvalidConfigurationException invalid:
                failures.AddRange(invalid.Problems);
                break;
            case OptionsValidationException validation:
                failures.AddRange(validation.Failures);
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                    Collect(inner, failures);
                break;
            case InvalidOperationException op when op.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                // The binder's own message names the value, its path and the type it needs.
                failures.Add(op.Message);
                break;
        }
    }
}
