using BenchmarkDotNet.Attributes;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Sandbox;

namespace Migrator.Benchmarks.Micro;

/// <summary>Scoring: assessing every binding of an inventory collected from a generated sandbox estate.</summary>
[MemoryDiagnoser]
public class AssessmentBenchmarks
{
    private InventorySnapshot _snapshot = null!;
    private readonly AssessmentSettings _settings = new();

    [GlobalSetup]
    public void Setup() => _snapshot = SandboxSnapshot.CollectAsync(clusters: 10, serviceAccounts: 1000).GetAwaiter().GetResult();

    [Benchmark]
    public AssessmentResult AssessEstate() => Assessor.Assess(_snapshot, _settings, DateTimeOffset.UnixEpoch);
}
