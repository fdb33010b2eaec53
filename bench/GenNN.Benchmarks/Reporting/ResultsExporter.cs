using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GenNN.Benchmarks.Benchmarks;

namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// Writes the tables of bench/README.md: per workload, each implementation's median, GenNN's speedup over it, its
/// throughput and allocations; then every target of the issues with its verdict (ratios, allocations, N3 training's
/// FLOP rate against one core's peak, the MNIST-size epoch, GenNN against RTNeural measured in the same run), C1
/// inference's FLOP rate with the time its products alone take at that peak, and the time one read of N3's
/// first-layer matrix from L2 takes. BenchmarkDotNet saves it as
/// <c>BenchmarkDotNet.Artifacts/results/*-report-readme.md</c>.
/// </summary>
/// <param name="peak">The core's FMA rate, measured before the run.</param>
/// <param name="n3MatrixRead">The bytes of N3's first-layer matrix and the time to read them once from L2 (<see cref="L2ReadFloor"/>).</param>
/// <param name="rtNeural">RTNeural's times in this run, ns per call by net (<see cref="Peers.RtNeuralReference.ParseTimes"/>); empty when it did not run.</param>
/// <param name="loadAtStart">The load average before the run.</param>
/// <param name="shortRun">Whether the short job ran.</param>
internal sealed class ResultsExporter(PeakFlopMeasurement peak, (int Bytes, double Nanoseconds) n3MatrixRead, IReadOnlyDictionary<string, double> rtNeural, string loadAtStart, bool shortRun) : ExporterBase
{
    private const string GenNN = Implementations.GenNN;
    private static readonly string[] Columns = { GenNN, Implementations.HandWritten, Implementations.Naive, Implementations.TorchSharp, Implementations.OnnxRuntime };

    /// <summary>The workloads RTNeural's reference also times, by its name for the net.</summary>
    private static readonly (string Category, string Net)[] RtNeuralWorkloads =
    {
        ("N1 inference, 1 sample", "N1"),
        ("N2 inference, 1 sample", "N2"),
        ("N3 inference, 1 sample", "N3"),
        ("N4 LSTM 1→16 step", "N4"),
    };

    protected override string FileExtension => "md";

    protected override string FileCaption => "readme";

    public override void ExportToLog(Summary summary, ILogger logger)
    {
        var results = summary.BenchmarksCases
            .Where(benchmarkCase => BenchmarkStatistics.MedianNanoseconds(summary, benchmarkCase) is not null)
            .GroupBy(BenchmarkStatistics.Workload)
            .ToList();

        HostEnvironmentInfo host = summary.HostEnvironmentInfo;
        logger.WriteLine(
            Invariant($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {(shortRun ? "short mode (3 warm-up + 9 measured iterations of ~150 ms)" : "full mode (default job)")}, in-process. ")
            + Invariant($"CPU: {host.Cpu.Value.ProcessorName} ({host.Cpu.Value.PhysicalCoreCount} cores), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {host.RuntimeVersion}. ")
            + $"Load average at start {loadAtStart}; at end {LoadAverage.Read()}.");
        logger.WriteLine();
        logger.WriteLine("Median time per call; ×N = that implementation's median / GenNN's (GenNN is N times faster); samples/s = samples per call / median; allocated = managed bytes per call (native LibTorch / ONNX Runtime memory is not counted).");
        logger.WriteLine();
        logger.WriteLine("| Workload | " + string.Join(" | ", Columns) + " |");
        logger.WriteLine("|---|" + string.Concat(Columns.Select(_ => "---:|")));
        foreach (IGrouping<string, BenchmarkCase> workload in results)
        {
            IEnumerable<string> cells = Columns.Select(implementation =>
                workload.FirstOrDefault(benchmarkCase => BenchmarkStatistics.Implementation(benchmarkCase) == implementation) is BenchmarkCase benchmarkCase
                    ? Cell(summary, benchmarkCase)
                    : "—");
            logger.WriteLine($"| {workload.Key} | {string.Join(" | ", cells)} |");
        }

        logger.WriteLine();
        logger.WriteLine("| Target | Measured | Verdict |");
        logger.WriteLine("|---|---:|---|");
        foreach (IssueTarget target in IssueTarget.All)
        {
            double? speedup = Speedup(summary, results, target.Category, target.Peer);
            logger.WriteLine(speedup is double value
                ? Invariant($"| GenNN ≥ {target.MinimumSpeedup:0.#}× {target.Peer}, {target.Category} | {Ratio(value, target.MinimumSpeedup)}× | {(value >= target.MinimumSpeedup ? "met" : "**missed**")} |")
                : $"| GenNN ≥ {target.MinimumSpeedup:0.#}× {target.Peer}, {target.Category} | not run | — |");
        }

        WriteAllocationTarget(summary, results, logger);
        WriteFlopRateTarget(summary, results, logger);
        WriteConvolutionFloor(summary, results, logger);
        WriteEpochTarget(summary, results, logger);
        WriteRtNeuralTargets(summary, results, logger);
        WriteL2ReadFloor(summary, results, logger);

        logger.WriteLine();
        logger.WriteLine(
            Invariant($"FLOP rate: {N3TrainingFlops.PerMinibatch:N0} FLOP per N3 minibatch (matrix products only) / GenNN's median. Assumed peak {PeakFlopRate.AssumedPeakGflops(peak):0.0} GFLOP/s = the larger of ")
            + Invariant($"32 FLOP/cycle × {peak.NominalClockGhz:0.000} GHz nominal = {PeakFlopRate.TheoreticalGflops(peak):0.0} GFLOP/s and the FMA rate measured before the run ")
            + Invariant($"({peak.Vector256Gflops:0.0} GFLOP/s with Vector256, {peak.Vector512Gflops:0.0} with Vector512; Vector512 hardware-accelerated: {peak.Vector512Accelerated})."));
    }

    private void WriteAllocationTarget(Summary summary, List<IGrouping<string, BenchmarkCase>> results, ILogger logger)
    {
        var genNNAllocations = results
            .SelectMany(workload => workload.Where(benchmarkCase => BenchmarkStatistics.Implementation(benchmarkCase) == GenNN))
            .Select(benchmarkCase => (Case: benchmarkCase, Bytes: AllocatedBytes(summary, benchmarkCase)))
            .ToList();
        if (genNNAllocations.Count == 0)
        {
            return;
        }

        bool allZero = genNNAllocations.All(allocation => allocation.Bytes == 0);
        string processWide = allZero
            ? $"0 B in all {genNNAllocations.Count} GenNN benchmarks"
            : string.Join(", ", genNNAllocations.Where(allocation => allocation.Bytes != 0).Select(allocation => $"{allocation.Case.Descriptor.Categories.FirstOrDefault()}: {allocation.Bytes?.ToString(CultureInfo.InvariantCulture) ?? "?"} B"));

        // Program ran AllocationCheck before any benchmark and stops if it fails, so reaching here means it passed.
        logger.WriteLine($"| GenNN allocates 0 B per inference and per training step | calling thread: 0 B (Validation/AllocationCheck.cs, before timing); BenchmarkDotNet, whole process: {processWide} | met |");
    }

    private void WriteFlopRateTarget(Summary summary, List<IGrouping<string, BenchmarkCase>> results, ILogger logger)
    {
        if (Median(summary, results, "N3 training, minibatch 32", GenNN) is not double nanoseconds)
        {
            return;
        }

        double gflops = N3TrainingFlops.PerMinibatch / nanoseconds;
        double assumedPeak = PeakFlopRate.AssumedPeakGflops(peak);
        double fraction = gflops / assumedPeak;
        logger.WriteLine(Invariant(
            $"| N3 training (minibatch 32) ≥ 50 % of one core's FP32 peak | {gflops:0.0} GFLOP/s = {fraction:P0} of {assumedPeak:0.0} GFLOP/s | {(fraction >= 0.5 ? "met" : "**missed**")} |"));
    }

    /// <summary>C1 inference's FLOP rate, and the time its products alone take at the core's peak: what bounds any single-sample speedup.</summary>
    private void WriteConvolutionFloor(Summary summary, List<IGrouping<string, BenchmarkCase>> results, ILogger logger)
    {
        if (Median(summary, results, "C1 inference, 1 sample", GenNN) is not double nanoseconds)
        {
            return;
        }

        double assumedPeak = PeakFlopRate.AssumedPeakGflops(peak);
        double gflops = C1InferenceFlops.PerSample / nanoseconds;
        logger.WriteLine(Invariant(
            $"| C1 inference, 1 sample: {C1InferenceFlops.PerSample:N0} FLOP of products | {gflops:0.0} GFLOP/s = {gflops / assumedPeak:P0} of {assumedPeak:0.0} GFLOP/s; the products alone take {FormatTime(C1InferenceFlops.PerSample / assumedPeak)} at that peak | for information |"));
    }

    /// <summary>
    /// Issues 12 and 13: GenNN's time per inference or step at most 0.8× that of RTNeural, run by this program before
    /// the benchmarks (GenNN's median against RTNeural's best of seven timings).
    /// </summary>
    private void WriteRtNeuralTargets(Summary summary, List<IGrouping<string, BenchmarkCase>> results, ILogger logger)
    {
        foreach ((string category, string net) in RtNeuralWorkloads)
        {
            if (Median(summary, results, category, GenNN) is not double genNN)
            {
                continue;
            }

            const string Target = "GenNN's time ≤ 0.8× RTNeural's (C++, same run, its best of 7)";
            if (rtNeural.TryGetValue(net, out double reference))
            {
                double ratio = genNN / reference;
                logger.WriteLine(Invariant(
                    $"| {Target}, {category} | {FormatTime(genNN)} / {FormatTime(reference)} = {ratio:0.000}× | {(ratio <= 0.8 ? "met" : "**missed**")} |"));
            }
            else
            {
                logger.WriteLine($"| {Target}, {category} | RTNeural not run (see the program's output) | — |");
            }
        }
    }

    /// <summary>Issue 13: one MNIST-size training epoch on one core in at most 0.25 s.</summary>
    private static void WriteEpochTarget(Summary summary, List<IGrouping<string, BenchmarkCase>> results, ILogger logger)
    {
        if (Median(summary, results, MnistEpochBenchmarks.Workload, GenNN) is double nanoseconds)
        {
            logger.WriteLine(Invariant($"| {MnistEpochBenchmarks.Workload} ≤ 0.25 s | {FormatTime(nanoseconds)} | {(nanoseconds <= 0.25e9 ? "met" : "**missed**")} |"));
        }
    }

    /// <summary>N3's single-sample floor on this core: one read of its first-layer matrix from L2.</summary>
    private void WriteL2ReadFloor(Summary summary, List<IGrouping<string, BenchmarkCase>> results, ILogger logger)
    {
        if (Median(summary, results, "N3 inference, 1 sample", GenNN) is not double genNN)
        {
            return;
        }

        (int bytes, double read) = n3MatrixRead;
        logger.WriteLine(Invariant(
            $"| N3 inference, 1 sample: reading its {bytes:N0}-byte first-layer matrix once from L2, alone (best of 10) | {FormatTime(read)} ({bytes / read:0.0} GB/s); GenNN's median inference is {genNN / read:0.00}× that | for information |"));
    }

    private static string Cell(Summary summary, BenchmarkCase benchmarkCase)
    {
        double median = BenchmarkStatistics.MedianNanoseconds(summary, benchmarkCase)!.Value;
        var parts = new List<string> { FormatTime(median) };
        if (BenchmarkStatistics.Baseline(summary, benchmarkCase) is BenchmarkCase baseline
            && !ReferenceEquals(baseline, benchmarkCase)
            && BenchmarkStatistics.MedianNanoseconds(summary, baseline) is double baselineMedian)
        {
            parts[0] += Invariant($" ({median / baselineMedian:0.0}×)");
        }

        int samples = BenchmarkStatistics.SamplesPerCall(benchmarkCase);
        if (samples > 1)
        {
            parts.Add(Invariant($"{samples * 1e9 / median:N0} samples/s"));
        }

        long? bytes = AllocatedBytes(summary, benchmarkCase);
        parts.Add(bytes is long value ? Invariant($"{value:N0} B") : "? B");
        return string.Join("<br>", parts);
    }

    private static double? Speedup(Summary summary, List<IGrouping<string, BenchmarkCase>> results, string category, string peer)
        => Median(summary, results, category, peer) is double peerMedian && Median(summary, results, category, GenNN) is double genNN
            ? peerMedian / genNN
            : null;

    private static double? Median(Summary summary, List<IGrouping<string, BenchmarkCase>> results, string category, string implementation)
        => results.FirstOrDefault(workload => workload.Key == category)?.FirstOrDefault(benchmarkCase => BenchmarkStatistics.Implementation(benchmarkCase) == implementation) is BenchmarkCase benchmarkCase
            ? BenchmarkStatistics.MedianNanoseconds(summary, benchmarkCase)
            : null;

    private static long? AllocatedBytes(Summary summary, BenchmarkCase benchmarkCase)
        => summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);

    private static string FormatTime(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => Invariant($"{nanoseconds:0.0} ns"),
        < 1e6 => Invariant($"{nanoseconds / 1e3:0.00} µs"),
        _ => Invariant($"{nanoseconds / 1e6:0.00} ms"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A speedup to one decimal, or to as many as it takes to differ from the target's when rounding would make a
    /// miss read as the target (2.96× against 3×, not "3.0× missed") or a hit read as a miss.
    /// </summary>
    private static string Ratio(double value, double target)
    {
        for (int decimals = 1; decimals < 4; decimals++)
        {
            double shown = Math.Round(value, decimals);
            if ((shown >= target) == (value >= target))
            {
                return shown.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            }
        }

        return value.ToString("F4", CultureInfo.InvariantCulture);
    }
}
