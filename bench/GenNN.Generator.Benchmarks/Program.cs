using BenchmarkDotNet.Running;

namespace GenNN.Generator.Benchmarks;

/// <summary><c>dotnet run -c Release --project bench/GenNN.Generator.Benchmarks</c> (BenchmarkDotNet options after <c>--</c>).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkRunner.Run<GeneratorBenchmarks>(args: args);
}
