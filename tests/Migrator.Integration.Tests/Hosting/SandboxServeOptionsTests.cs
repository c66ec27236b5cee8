using Migrator.Cli;

namespace Migrator.Integration.Tests.Hosting;

/// <summary>'sandbox serve --rate-limits': per-service rates, refused with a message that shows the right form.</summary>
public sealed class SandboxServeOptionsTests
{
    private static async Task<(int Code, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stderr.ToString());
    }

    [Theory]
    [InlineData("ec2=100", "'ec2=100' is not one")]
    [InlineData("eks=fast", "'eks=fast' is not one")]
    [InlineData("eks=-1", "'eks=-1' is not one")]
    [InlineData("iam", "'iam' is not one")]
    [InlineData("eks=100,EKS=50", "names EKS twice")]
    public async Task Bad_rate_limits_are_refused_naming_the_option_and_the_form(string value, string expected)
    {
        var (code, err) = await Run("sandbox", "serve", "--clusters", "1", "--service-accounts", "2", "--rate-limits", value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--rate-limits", err, StringComparison.Ordinal);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Contains("eks=100,iam=100,sts=50,kubernetes=400", err, StringComparison.Ordinal);
    }
}
