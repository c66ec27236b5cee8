using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Aws;
using Migrator.Aws.Configuration;

namespace Migrator.Sandbox.Tests.Aws;

public sealed class AwsOptionsTests
{
    [Fact]
    public void Validation_reports_every_problem_with_its_config_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Accounts:0:Id"] = "1234",
            ["Aws:Accounts:0:RoleArn"] = "arn:aws:iam::123456789012:user/bob",
            ["Aws:Accounts:0:Regions:0"] = "Mars",
            ["Aws:Accounts:1:Id"] = "123456789012",
            ["Aws:Accounts:2:Id"] = "123456789012",
            ["Aws:Endpoints:Eks"] = "not a url",
            ["Aws:Endpoints:CloudTrail"] = "ftp://cloudtrail",
            ["Aws:RequestsPerSecond:CloudTrail"] = "0",
            ["Aws:Credentials:AccessKeyId"] = "AKIAONLYTHEID0000000",
            ["Aws:MaxConcurrencyPerApi"] = "0",
            ["Aws:Retry:BaseDelay"] = "00:01:00",
            ["Aws:Retry:MaxDelay"] = "00:00:01",
        }).Build();
        using var services = new ServiceCollection().AddAws(configuration).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AwsOptions>>().Value);

        Assert.Equal(
        [
            "Aws:Accounts:0:Id must be a 12-digit AWS account id, not '1234'.",
            "Aws:Accounts:0:RoleArn must look like arn:aws:iam::123456789012:role/NAME, not 'arn:aws:iam::123456789012:user/bob'.",
            "Aws:Accounts:0:Regions:0 'Mars' is not a region name such as us-east-1.",
            "Aws:Accounts:2:Id '123456789012' is listed twice.",
            "Aws:Endpoints:Eks must be an absolute http(s) URL (may contain {region}), not 'not a url'.",
            "Aws:Endpoints:CloudTrail must be an absolute http(s) URL (may contain {region}), not 'ftp://cloudtrail'.",
            "Aws:Credentials needs both AccessKeyId and SecretAccessKey (or neither, to use the default credential chain).",
            "Aws:RequestsPerSecond:CloudTrail must be more than 0 and at most 100 (LookupEvents allows 2 per second per account and region), not 0.",
            "Aws:MaxConcurrencyPerApi must be between 1 and 256, not 0.",
            "Aws:Retry:BaseDelay must be positive and not above Retry:MaxDelay.",
        ], e.Failures);
    }

    [Fact]
    public void Endpoints_default_to_public_aws_by_partition_and_take_overrides_with_region()
    {
        var aws = new AwsEndpoints(new AwsOptions());
        var sandbox = new AwsEndpoints(new AwsOptions { Endpoints = new AwsEndpointOptions { Eks = "http://127.0.0.1:5000/{region}" } });

        Assert.Equal(new Uri("https://eks.eu-west-1.amazonaws.com"), aws.Eks("eu-west-1"));
        Assert.Equal(new Uri("https://eks.cn-north-1.amazonaws.com.cn"), aws.Eks("cn-north-1"));
        Assert.Equal((new Uri("https://iam.amazonaws.com"), "us-east-1"), aws.Iam("aws"));
        Assert.Equal((new Uri("https://iam.cn-north-1.amazonaws.com.cn"), "cn-north-1"), aws.Iam("aws-cn"));
        Assert.Equal(new Uri("https://sts.us-west-2.amazonaws.com"), aws.Sts("us-west-2"));
        Assert.Equal(new Uri("http://127.0.0.1:5000/ap-south-1"), sandbox.Eks("ap-south-1"));
    }
}
