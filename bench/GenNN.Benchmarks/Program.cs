using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GenNN.Benchmarks.Benchmarks;
using GenNN.Benchmarks.Peers;
using GenNN.Benchmarks.Reporting;

namespace GenNN.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/GenNN.Benchmarks -- [--short] [BenchmarkDotNet options, e.g. --filter *N3*]</c>.
/// Checks first that every implementation agrees with GenNN and that GenNN allocates nothing, measures the core's
/// peak FMA rate, then runs the benchmarks; exits non-zero if a check fails or a benchmark does not complete.
/// </summary>
public static class Program
{
    private const string ShortOption = "--short";

    public static int Main(string[] args)
    {
        bool shortRun = args.Contains(ShortOption);
        List<string> benchmarkArgs = args.Where(arg => arg != ShortOption).ToList();
        if (!benchmarkArgs.Contains("--filter"))
        {
            // Without a filter BenchmarkSwitcher asks interactively which benchmarks to run.
            benchmarkArgs.AddRange(new[] { "--filter", "*" });
        }

        Console.WriteLine("Checks (GenNN is the reference; tolerances in Validation/EquivalenceCheck.cs):");
        foreach (Func<IEnumerable<string>> validate in new Func<IEnumerable<string>>[] { N1Benchmarks.Validate, N2Benchmarks.Validate, N3Benchmarks.Validate, CnnBenchmarks.Validate, RecurrentBenchmarks.Validate })
        {
            foreach (string check in validate())
            {
                Console.WriteLine("  " + check);
            }
        }

        IReadOnlyList<string> rtNeural = RtNeuralReference.Run();
        Console.WriteLine("RTNeural, the C++ reference, in this run (g++ -O3 -march=native, Eigen):");
        foreach (string line in rtNeural)
        {
            Console.WriteLine("  " + line);
        }

        string loadAtStart = LoadAverage.Read();
        PeakFlopMeasurement peak = PeakFlopRate.Measure();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Peak FP32 FMA rate of one core, measured: {peak.Vector512Gflops:F1} GFLOP/s (Vector512, accelerated: {peak.Vector512Accelerated}), {peak.Vector256Gflops:F1} GFLOP/s (Vector256); nominal clock {peak.NominalClockGhz:F3} GHz; load {loadAtStart}"));

        IEnumerable<Summary> summaries = BenchmarkSwitcher
            .FromAssembly(typeof(Program).Assembly)
            .Run(benchmarkArgs.ToArray(), BenchmarkConfiguration.Create(shortRun, new ResultsExporter(peak, loadAtStart, shortRun)));
        Console.WriteLine("RTNeural, measured before the benchmarks in this run: " + string.Join("; ", rtNeural));
        bool failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
        return failed ? 1 : 0;
    }
}
