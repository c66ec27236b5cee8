using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Migrator.Aws.CloudTrail;
using Migrator.Aws.Configuration;
using Migrator.Aws.Credentials;
using Migrator.Aws.Eks;
using Migrator.Aws.Http;
using Migrator.Aws.Iam;
using Migrator.Core.Ports;

namespace Migrator.Aws;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AWS adapter: options section <c>Aws</c> (validated at start-up), per-account credentials (STS),
    /// <see cref="IEksApi"/>, <see cref="IIamApi"/>, <see cref="ICredentialUseEvents"/> (CloudTrail), <see cref="RoleCache"/> and <see cref="IEksTokenSource"/>.
    /// Each API gets its own HttpClient with SigV4 signing inside its own resilience pipeline (own concurrency limit).
    /// </summary>
    public static IServiceCollection AddAws(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>().Bind(configuration.GetSection(AwsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.AddSingleton(sp => new AwsEndpoints(sp.GetRequiredService<IOptions<AwsOptions>>().Value));
        services.AddSingleton<AwsAccountCredentials>();
        services.AddSingleton<IEksTokenSource, EksTokenSource>();
        services.AddSingleton<RoleCache>();
        services.AddTransient<AwsSigningHandler>();

        AddApi<IEksApi, EksClient>(services, EksClient.HttpClientName);
        AddApi<IIamApi, IamClient>(services, IamClient.HttpClientName);

        // CloudTrail: paced per account and region inside the pipeline (so retries wait their turn), then signed.
        services.AddSingleton<CloudTrailPacing>();
        services.AddTransient<CloudTrailPacingHandler>();
        var cloudTrail = services.AddHttpClient(CloudTrailClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        cloudTrail.AddResilienceHandler(CloudTrailClient.HttpClientName, (builder, context) => AwsResilience.Configure(builder, context.ServiceProvider, CloudTrailClient.HttpClientName));
        cloudTrail.AddHttpMessageHandler<CloudTrailPacingHandler>();
        cloudTrail.AddHttpMessageHandler<AwsSigningHandler>();
        cloudTrail.AddHttpMessageHandler(() => new AwsApiMeteringHandler(CloudTrailClient.HttpClientName));
        services.AddSingleton<ICredentialUseEvents, CloudTrailClient>();
        return services;
    }

    private static void AddApi<TApi, TClient>(IServiceCollection services, string name)
        where TApi : class
        where TClient : class, TApi
    {
        // Handlers run in the order added: resilience outside, signing inside, so every attempt is signed afresh.
        var client = services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler(name, (builder, context) => AwsResilience.Configure(builder, context.ServiceProvider, name));
        client.AddHttpMessageHandler<AwsSigningHandler>();
        client.AddHttpMessageHandler(() => new AwsApiMeteringHandler(name));
        services.AddSingleton<TApi, TClient>();
    }
}
