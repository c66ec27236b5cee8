using BenchmarkDotNet.Running;
using Migrator.Benchmarks;

// dotnet run -c Release --project bench/Migrator.Benchmarks -- estate [--small] [options]   (estate-scale run against the floor)
// dotnet run -c Release --project bench/Migrator.Benchmarks -- micro [BenchmarkDotNet args]  (hot pure parts)
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(EstateBenchmark).Assembly).Run(args[1..]);
    return 0;
}
var options = BenchOptions.Parse(args.Length > 0 && args[0] == "estate" ? args[1..] : args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
return await EstateBenchmark.RunAsync(options, Console.Out, CancellationToken.None);
