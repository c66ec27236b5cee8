using Microsoft.Extensions.Options;

namespace Migrator.Kubernetes;

/// <summary>Reports every problem of the <c>Kubernetes</c> section at once, each with its configuration path.</summary>
public sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var errors = new List<string>();
        var s = KubernetesOptions.Section;
        if (options.PageSize is < 1 or > 10_000)
        {
            errors.Add($"{s}:PageSize must be between 1 and 10000 (got {options.PageSize}).");
        }

        if (options.Concurrency is < 1 or > 64)
        {
            errors.Add($"{s}:Concurrency must be between 1 and 64 (got {options.Concurrency}).");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            errors.Add($"{s}:MaxRetries must be between 0 and 20 (got {options.MaxRetries}).");
        }

        if (options.MaxRetryDelay < TimeSpan.Zero)
        {
            errors.Add($"{s}:MaxRetryDelay must not be negative.");
        }

        if (options.TokenRefreshAfter <= TimeSpan.Zero || options.TokenRefreshAfter > TimeSpan.FromMinutes(14))
        {
            errors.Add($"{s}:TokenRefreshAfter must be above 0 and at most 00:14:00 (EKS tokens live 15 minutes).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{s}:RequestTimeout must be positive.");
        }

        if (options.Contexts.Count > 0 && string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            errors.Add($"{s}:Kubeconfig is required when {s}:Contexts is set.");
        }

        for (var i = 0; i < options.Contexts.Count; i++)
        {
            var context = options.Contexts[i];
            if (string.IsNullOrWhiteSpace(context.Name))
            {
                errors.Add($"{s}:Contexts:{i}:Name is required.");
            }

            if (context.Cluster is not null && KubeconfigContexts.ParseClusterKey(context.Cluster) is null)
            {
                errors.Add($"{s}:Contexts:{i}:Cluster must be ACCOUNT/REGION/NAME (got '{context.Cluster}').");
            }
            else if (context.Cluster is null && KubeconfigContexts.ParseClusterArn(context.Name) is null)
            {
                errors.Add($"{s}:Contexts:{i}:Cluster is required: context '{context.Name}' is not an EKS cluster ARN.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
