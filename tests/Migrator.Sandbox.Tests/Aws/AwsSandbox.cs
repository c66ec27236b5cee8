using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Aws;
using Migrator.Aws.Configuration;
using Migrator.Aws.Credentials;
using Migrator.Aws.Iam;
using Migrator.Core.Ports;

namespace Migrator.Sandbox.Tests.Aws;

/// <summary>
/// A started sandbox with two accounts and the AWS adapter wired to it through <c>AddAws</c>, as the CLI does.
/// Account A (operator's home) is used directly; account B is reached by AssumeRole into MigratorAccess.
/// </summary>
public sealed class AwsSandbox : IAsyncDisposable
{
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public const string IssuerA = "oidc.eks.us-east-1.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    public const string IssuerB = "oidc.eks.us-east-1.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    public const int PagedRoles = 130;
    public const int PagedClusters = 105;
    public const int PreloadedAssociations = 120;

    private AwsSandbox(SandboxServer server, ServiceProvider services)
    {
        Server = server;
        Services = services;
    }

    public SandboxServer Server { get; }
    public ServiceProvider Services { get; }
    public IEksApi Eks => Services.GetRequiredService<IEksApi>();
    public IIamApi Iam => Services.GetRequiredService<IIamApi>();
    public RoleCache Roles => Services.GetRequiredService<RoleCache>();
    public AwsAccountCredentials Credentials => Services.GetRequiredService<AwsAccountCredentials>();
    public IEksTokenSource Tokens => Services.GetRequiredService<IEksTokenSource>();

    /// <param name="time">Shared by the sandbox and the client (for eventual-consistency tests).</param>
    public static async Task<AwsSandbox> StartAsync(Action<RealismOptions>? realism = null, Action<Dictionary<string, string?>>? configure = null,
        TimeProvider? time = null)
    {
        var options = new SandboxOptions { Seed = 7, TimeProvider = time ?? TimeProvider.System };
        realism?.Invoke(options.Realism);
        var server = await SandboxServer.StartAsync(Estate(), options, CancellationToken.None);
        var settings = SandboxAwsSettings.For(server);
        settings["Aws:Accounts:0:Id"] = AccountA;
        settings["Aws:Accounts:0:Regions:0"] = "us-east-1";
        settings["Aws:Accounts:0:Regions:1"] = "eu-west-1";
        settings["Aws:Accounts:1:Id"] = AccountB;
        settings["Aws:Accounts:1:RoleArn"] = $"arn:aws:iam::{AccountB}:role/MigratorAccess";
        settings["Aws:Accounts:1:Regions:0"] = "us-east-1";
        settings["Aws:MaxConcurrencyPerApi"] = "4";
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        var services = collection.AddAws(configuration).BuildServiceProvider(validateScopes: true);
        _ = services.GetRequiredService<IOptions<AwsOptions>>().Value;
        return new AwsSandbox(server, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }

    public static string RoleArn(string account, string name, string path = "/") => $"arn:aws:iam::{account}:role{path}{name}";

    private static string Trust(string principal) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static string IrsaTrust(string account, string issuer, string ns, string sa) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + account + ":oidc-provider/" + issuer
        + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + issuer + ":sub\":\"system:serviceaccount:" + ns + ":" + sa
        + "\",\"" + issuer + ":aud\":\"sts.amazonaws.com\"}}}]}";

    private static Estate Estate()
    {
        var a = new Account
        {
            Id = AccountA,
            Name = "platform",
            Regions = ["us-east-1", "eu-west-1"],
            Roles =
            [
                new IamRole { Name = "MigratorAccess", TrustPolicy = Trust($"arn:aws:iam::{AccountA}:root"), AttachedPolicies = ["AdministratorAccess"] },
                new IamRole
                {
                    Name = "payments-api", Path = "/workloads/", TrustPolicy = IrsaTrust(AccountA, IssuerA, "payments", "api"),
                    AttachedPolicies = ["AmazonDynamoDBReadOnlyAccess", "payments-table-write"], Tags = new() { ["team"] = "payments", ["tier"] = "gold" },
                },
                new IamRole { Name = "eks-node", TrustPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""" },
            ],
            OidcProviders = [new OidcProvider { Url = IssuerA, ClientIds = ["sts.amazonaws.com"], Thumbprints = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] }],
        };
        for (var i = 0; i < PagedRoles; i++)
        {
            a.Roles.Add(new IamRole { Name = $"app-{i:000}", Path = "/apps/", TrustPolicy = IrsaTrust(AccountA, IssuerA, "apps", $"app-{i:000}") });
        }

        var b = new Account
        {
            Id = AccountB,
            Name = "workloads",
            Regions = ["us-east-1"],
            Roles =
            [
                new IamRole { Name = "MigratorAccess", TrustPolicy = Trust($"arn:aws:iam::{AccountA}:root") },
                new IamRole { Name = "b-only", TrustPolicy = IrsaTrust(AccountB, IssuerB, "ledger", "writer"), Tags = new() { ["owner"] = "b" } },
            ],
            OidcProviders = [new OidcProvider { Url = IssuerB, ClientIds = ["sts.amazonaws.com", "extra-audience"] }],
        };

        var alpha = new Cluster
        {
            Name = "alpha", AccountId = AccountA, Region = "us-east-1", KubernetesVersion = "1.30", PlatformVersion = "eks.8",
            OidcIssuer = "https://" + IssuerA,
            Addons = [new Addon { Name = "vpc-cni", Version = "v1.19.0-eksbuild.1" }, new Addon { Name = "aws-ebs-csi-driver", Version = "v1.38.0-eksbuild.1" }],
            Nodegroups =
            [
                new Nodegroup { Name = "general", NodeRoleArn = RoleArn(AccountA, "eks-node"), NodeCount = 2, Labels = new() { ["role"] = "general" } },
                new Nodegroup { Name = "windows", Os = NodeOs.Windows, NodeRoleArn = RoleArn(AccountA, "eks-node"), NodeCount = 1 },
                new Nodegroup { Name = "edge", ComputeType = ComputeType.Hybrid, NodeCount = 1 },
            ],
            FargateProfiles = [new FargateProfile { Name = "batch", Selectors = [new FargateSelector { Namespace = "batch" }, new FargateSelector { Namespace = "jobs" }] }],
        };
        for (var i = 0; i < PreloadedAssociations; i++)
        {
            alpha.PodIdentityAssociations.Add(new PodIdentityAssociation
            {
                AssociationId = "a-preloaded" + i.ToString("000000", CultureInfo.InvariantCulture),
                Namespace = i % 2 == 0 ? "apps" : "tools",
                ServiceAccount = $"app-{i:000}",
                RoleArn = RoleArn(AccountA, $"app-{i:000}", "/apps/"),
            });
        }

        var clusters = new List<Cluster> { alpha, new() { Name = "bravo", AccountId = AccountB, Region = "us-east-1", AutoMode = true, OidcIssuer = "https://" + IssuerB } };
        for (var i = 0; i < PagedClusters; i++)
        {
            clusters.Add(new Cluster { Name = $"edge-{i:000}", AccountId = AccountA, Region = "eu-west-1" });
        }

        return new Estate { Seed = 7, Accounts = [a, b], Clusters = clusters };
    }
}
