using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Migrator.Core.Trust;

namespace Migrator.Benchmarks.Micro;

/// <summary>The trust engine's hot paths: parsing a multi-cluster trust policy and evaluating IRSA requests against it.</summary>
[MemoryDiagnoser]
public class TrustBenchmarks
{
    private string _document = "";
    private TrustPolicy _policy = null!;
    private IrsaRequest _allowed = null!;
    private IrsaRequest _denied = null!;

    [Params(1, 8)]
    public int Clusters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // One statement per cluster, as terraform-aws-modules iam-role-for-service-accounts writes them.
        var statements = new StringBuilder();
        for (var i = 0; i < Clusters; i++)
        {
            var issuer = string.Create(CultureInfo.InvariantCulture, $"oidc.eks.us-east-1.amazonaws.com/id/{i:X32}");
            if (i > 0) statements.Append(',');
            statements.Append("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/").Append(issuer)
                .Append("\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"").Append(issuer)
                .Append(":sub\":\"system:serviceaccount:payments:api\",\"").Append(issuer).Append(":aud\":\"sts.amazonaws.com\"}}}");
        }
        _document = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
        _policy = TrustPolicyParser.Parse(_document).Policy!;
        var last = string.Create(CultureInfo.InvariantCulture, $"oidc.eks.us-east-1.amazonaws.com/id/{Clusters - 1:X32}");
        _allowed = new IrsaRequest("aws", "111122223333", last, "payments", "api");
        _denied = new IrsaRequest("aws", "111122223333", last, "payments", "worker");
    }

    [Benchmark]
    public TrustParseResult Parse() => TrustPolicyParser.Parse(_document);

    [Benchmark]
    public IrsaDecision EvaluateAllowed() => TrustEvaluator.EvaluateIrsa(_policy, _allowed);

    [Benchmark]
    public IrsaDecision EvaluateDenied() => TrustEvaluator.EvaluateIrsa(_policy, _denied);
}
