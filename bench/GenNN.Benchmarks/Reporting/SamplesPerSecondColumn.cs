using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GenNN.Benchmarks.Reporting;

/// <summary>Throughput: samples per call (<see cref="SamplesPerCallAttribute"/>) divided by the median time of a call.</summary>
internal sealed class SamplesPerSecondColumn : IColumn
{
    public string Id => nameof(SamplesPerSecondColumn);

    public string ColumnName => "Samples/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Samples processed per second: samples per call / median time per call";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? median = BenchmarkStatistics.MedianNanoseconds(summary, benchmarkCase);
        if (median is not double nanoseconds || nanoseconds <= 0)
        {
            return "-";
        }

        double samplesPerSecond = BenchmarkStatistics.SamplesPerCall(benchmarkCase) * 1e9 / nanoseconds;
        return samplesPerSecond.ToString("N0", CultureInfo.InvariantCulture);
    }
}
