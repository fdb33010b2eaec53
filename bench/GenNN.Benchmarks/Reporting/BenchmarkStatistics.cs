using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GenNN.Benchmarks.Reporting;

/// <summary>What the custom columns read from a summary.</summary>
internal static class BenchmarkStatistics
{
    /// <summary>The median time of one call in nanoseconds, or <see langword="null"/> if the benchmark did not run.</summary>
    public static double? MedianNanoseconds(Summary summary, BenchmarkCase benchmarkCase)
        => summary[benchmarkCase]?.ResultStatistics?.Median;

    /// <summary>The samples one call processes (<see cref="SamplesPerCallAttribute"/>; 1 without it).</summary>
    public static int SamplesPerCall(BenchmarkCase benchmarkCase)
        => benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<SamplesPerCallAttribute>()?.Samples ?? 1;

    /// <summary>The benchmark's description ("Naive C#"), without the quotes BenchmarkDotNet puts around one with spaces.</summary>
    public static string Implementation(BenchmarkCase benchmarkCase)
        => benchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');

    /// <summary>The benchmark's workload: its category (<c>N3 inference, 1 sample</c>), else its class's name.</summary>
    public static string Workload(BenchmarkCase benchmarkCase)
        => benchmarkCase.Descriptor.Categories.FirstOrDefault() ?? benchmarkCase.Descriptor.Type.Name;

    /// <summary>The baseline of the benchmark's class and category (GenNN), or <see langword="null"/>.</summary>
    public static BenchmarkCase? Baseline(Summary summary, BenchmarkCase benchmarkCase)
        => summary.BenchmarksCases.FirstOrDefault(candidate =>
            candidate.Descriptor.Baseline
            && candidate.Descriptor.Type == benchmarkCase.Descriptor.Type
            && candidate.Descriptor.Categories.SequenceEqual(benchmarkCase.Descriptor.Categories));
}
