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
/// <c>-- --launches N</c> instead measures the single-sample latencies in N processes (<see cref="LaunchSpread"/>).
/// </summary>
public static class Program
{
    private const string ShortOption = "--short";

    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == LaunchSpread.ChildOption)
        {
            return LaunchSpread.RunChild(first: args[1]);
        }

        int launchesAt = Array.IndexOf(args, LaunchSpread.LaunchesOption);
        if (launchesAt >= 0)
        {
            return launchesAt + 1 < args.Length
                && int.TryParse(args[launchesAt + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int launches)
                && launches >= LaunchSpread.MinimumLaunches
                ? LaunchSpread.Run(launches)
                : Fail($"{LaunchSpread.LaunchesOption} needs a number of launches, {LaunchSpread.MinimumLaunches} or more.");
        }

        bool shortRun = args.Contains(ShortOption);
        List<string> benchmarkArgs = args.Where(arg => arg != ShortOption).ToList();
        if (!benchmarkArgs.Contains("--filter"))
        {
            // Without a filter BenchmarkSwitcher asks interactively which benchmarks to run.
            benchmarkArgs.AddRange(new[] { "--filter", "*" });
        }

        Console.WriteLine("Checks (GenNN is the reference; tolerances in Validation/EquivalenceCheck.cs):");
        foreach (Func<IEnumerable<string>> validate in new Func<IEnumerable<string>>[] { N1Benchmarks.Validate, N2Benchmarks.Validate, N3Benchmarks.Validate, CnnBenchmarks.Validate, GeluBenchmarks.Validate, RecurrentBenchmarks.Validate })
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
        int n3FirstLayerBytes = N3FirstLayerBytes();
        double l2Read = L2ReadFloor.MeasureNanoseconds(n3FirstLayerBytes);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Peak FP32 FMA rate of one core, measured: {peak.Vector512Gflops:F1} GFLOP/s (Vector512, accelerated: {peak.Vector512Accelerated}), {peak.Vector256Gflops:F1} GFLOP/s (Vector256); nominal clock {peak.NominalClockGhz:F3} GHz; one read of N3's first-layer matrix from L2: {l2Read:F0} ns; load {loadAtStart}"));

        IEnumerable<Summary> summaries = BenchmarkSwitcher
            .FromAssembly(typeof(Program).Assembly)
            .Run(benchmarkArgs.ToArray(), BenchmarkConfiguration.Create(shortRun, new ResultsExporter(peak, (n3FirstLayerBytes, l2Read), RtNeuralReference.ParseTimes(rtNeural), loadAtStart, shortRun)));
        Console.WriteLine("RTNeural, measured before the benchmarks in this run: " + string.Join("; ", rtNeural));
        bool failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success));
        return failed ? 1 : 0;
    }

    /// <summary>The bytes of N3's first-layer weights, the matrix one N3 inference streams (<see cref="L2ReadFloor"/>).</summary>
    private static int N3FirstLayerBytes()
    {
        LayerDescription first = Networks.N3MnistClassifier.Description.Layers[0];
        return first.InputSize * first.OutputSize * sizeof(float);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
