using System.Linq;
using BenchmarkDotNet.Running;

namespace GenNN.Generator.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/GenNN.Generator.Benchmarks</c> runs every benchmark; BenchmarkDotNet
/// options go after <c>--</c>, e.g. <c>--filter *CompiledWeights*</c> for those of compiled-in weights.
/// </summary>
public static class Program
{
    // Without a filter the switcher would ask which to run; every benchmark is the default.
    public static void Main(string[] args)
        => BenchmarkSwitcher.FromTypes(new[] { typeof(GeneratorBenchmarks), typeof(CompiledWeightsBenchmarks) })
            .Run(args.Contains("--filter") ? args : args.Concat(new[] { "--filter", "*" }).ToArray());
}
