using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Migrator.Core.Ports;

namespace Migrator.Kubernetes;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The Kubernetes adapter: <see cref="IKubernetesEstate"/> over KubernetesClient, options section <c>Kubernetes</c>.
    /// Needs <c>IEksTokenSource</c> (AddAws) for clusters not reached through a kubeconfig.
    /// </summary>
    public static IServiceCollection AddKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubernetesOptions>().Bind(configuration.GetSection(KubernetesOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KubeconfigContexts>();
        services.TryAddSingleton<KubernetesEstate>();
        services.TryAddSingleton<IKubernetesEstate>(sp => sp.GetRequiredService<KubernetesEstate>());
        return services;
    }
}
