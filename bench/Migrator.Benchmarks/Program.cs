using BenchmarkDotNet.Running;
using Migrator.Benchmarks;

// dotnet run -c Release --project bench/Migrator.Benchmarks -- estate [--small] [options]   (estate-scale run against the floor)
// dotnet run -c Release --project bench/Migrator.Benchmarks -- micro [BenchmarkDotNet args]  (hot pure parts)
// dotnet run -c Release --project bench/Migrator.Benchmarks -- stages --dir DIR              (the stages after the inventory, on a kept run)
// dotnet run -c Release --project bench/Migrator.Benchmarks -- growth [--steps 1,10,100]      (time and memory at 1x/10x/100x)
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(EstateBenchmark).Assembly).Run(args[1..]);
    return 0;
}
if (args.Length > 0 && args[0] == "stages")
    return await StoredStagesBenchmark.RunAsync(args[1..], Console.Out, CancellationToken.None);
if (args.Length > 0 && args[0] == "growth")
    return await GrowthBenchmark.RunAsync(args[1..], Console.Out, CancellationToken.None);
var options = BenchOptions.Parse(args.Length > 0 && args[0] == "estate" ? args[1..] : args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
return await EstateBenchmark.RunAsync(options, Console.Out, CancellationToken.None);
