using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// How many times faster GenNN is than this implementation: this row's median divided by the median of GenNN's row
/// (the baseline) in the same network and category. BenchmarkDotNet's own Ratio uses means; the targets are
/// stated on medians, which one descheduled iteration cannot move.
/// </summary>
internal sealed class GenNNSpeedupColumn : IColumn
{
    public string Id => nameof(GenNNSpeedupColumn);

    public string ColumnName => "GenNN speedup";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "This implementation's median time / GenNN's median time, same network and category (×N: GenNN is N times faster)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? baseline = BenchmarkStatistics.Baseline(summary, benchmarkCase);
        double? median = BenchmarkStatistics.MedianNanoseconds(summary, benchmarkCase);
        double? baselineMedian = baseline is null ? null : BenchmarkStatistics.MedianNanoseconds(summary, baseline);
        if (median is not double time || baselineMedian is not double baselineTime || baselineTime <= 0)
        {
            return "-";
        }

        return ReferenceEquals(baseline, benchmarkCase)
            ? "baseline"
            : (time / baselineTime).ToString("0.0", CultureInfo.InvariantCulture) + "×";
    }
}
