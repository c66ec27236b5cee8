namespace Migrator.Sandbox.Tests;

/// <summary>
/// The AWS adapter's settings that point it at a started sandbox: the operator's credentials and every endpoint, plus
/// short retry delays. Each fixture adds its own accounts and options on top.
/// </summary>
public static class SandboxAwsSettings
{
    public static Dictionary<string, string?> For(SandboxServer server) => new()
    {
        ["Aws:Credentials:AccessKeyId"] = server.OperatorCredentials.AccessKeyId,
        ["Aws:Credentials:SecretAccessKey"] = server.OperatorCredentials.SecretAccessKey,
        ["Aws:Endpoints:Eks"] = server.Endpoints.EksUrl,
        ["Aws:Endpoints:Iam"] = server.Endpoints.IamUrl,
        ["Aws:Endpoints:Sts"] = server.Endpoints.StsUrl,
        ["Aws:Endpoints:CloudTrail"] = server.Endpoints.CloudTrailUrl,
        ["Aws:Retry:BaseDelay"] = "00:00:00.010",
        ["Aws:Retry:MaxDelay"] = "00:00:00.200",
    };
}
