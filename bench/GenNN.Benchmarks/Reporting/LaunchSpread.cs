using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using GenNN.Benchmarks.Benchmarks;
using GenNN.Benchmarks.Peers;

namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// Issue 13's stable-latency target: the single-sample benchmarks of N1–N3, GenNN and the hand-written network with
/// aligned buffers (<see cref="HandWrittenNetwork"/>), each measured by BenchmarkDotNet (short job) in several
/// processes launched one after the other, RTNeural's reference once per launch beside them. A launch decides
/// what varies between runs of the same code: where the GC puts objects, how the JIT lays out code, which cache
/// sets the buffers fall into. An implementation's spread is <c>(max − min)/median</c> of its per-launch medians;
/// GenNN's must be no larger than the hand-written network's in the same run. Every launch runs both, GenNN first
/// in odd launches and last in even ones, so that load which comes and goes falls on both alike; the report lists
/// each launch with the load average before it. Writes <c>BenchmarkDotNet.Artifacts/results/LaunchSpread-*.md</c>.
/// </summary>
internal static class LaunchSpread
{
    /// <summary><c>--launches N</c>: how many processes the parent starts.</summary>
    public const string LaunchesOption = "--launches";

    /// <summary>Marks a child process, followed by which implementation goes first (<see cref="Implementations"/>' names).</summary>
    public const string ChildOption = "--launch-child";

    /// <summary>Fewer launches would let one outlier decide a range.</summary>
    public const int MinimumLaunches = 5;

    private const string ResultPrefix = "launch-median";
    private const string RtNeural = "RTNeural (C++), best of 7";
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromMinutes(10);

    private static readonly (string Workload, Type Benchmarks, string RtNeuralNet)[] Workloads =
    {
        ("N1 inference, 1 sample", typeof(N1Benchmarks), "N1"),
        ("N2 inference, 1 sample", typeof(N2Benchmarks), "N2"),
        ("N3 inference, 1 sample", typeof(N3Benchmarks), "N3"),
    };

    /// <summary>The implementations in the report's order.</summary>
    private static readonly string[] Columns = { Implementations.GenNN, Implementations.HandWritten, RtNeural };

    private static readonly (string Implementation, string Method)[] Timed =
    {
        (Implementations.GenNN, nameof(N1Benchmarks.InferGenNN)),
        (Implementations.HandWritten, nameof(N1Benchmarks.InferHandWritten)),
    };

    /// <summary>
    /// The child's part: BenchmarkDotNet over one implementation's single-sample benchmarks, then the other's
    /// (<paramref name="first"/> first), printing one line per median for the parent.
    /// </summary>
    public static int RunChild(string first)
    {
        bool failed = false;
        foreach ((string implementation, string method) in Timed.OrderBy(timed => timed.Implementation == first ? 0 : 1))
        {
            string[] filter = Workloads.Select(workload => $"*{workload.Benchmarks.Name}.{method}").Prepend("--filter").ToArray();
            foreach (Summary summary in BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(filter, BenchmarkConfiguration.CreateForLaunch()))
            {
                failed |= summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success);
                foreach (BenchmarkReport report in summary.Reports.Where(report => report.ResultStatistics is not null))
                {
                    Console.WriteLine(Invariant(
                        $"{ResultPrefix}\t{BenchmarkStatistics.Workload(report.BenchmarkCase)}\t{BenchmarkStatistics.Implementation(report.BenchmarkCase)}\t{report.ResultStatistics!.Median:R}"));
                }
            }
        }

        return failed ? 1 : 0;
    }

    /// <summary>The parent's part: <paramref name="launches"/> child processes, then the spread table.</summary>
    public static int Run(int launches)
    {
        string loadAtStart = LoadAverage.Read();
        var medians = new Dictionary<(string Workload, string Implementation), List<double>>();
        var launchRows = new List<string>();
        string? rtNeuralMissing = null;
        for (int launch = 1; launch <= launches; launch++)
        {
            string first = launch % 2 == 1 ? Implementations.GenNN : Implementations.HandWritten;
            string load = LoadAverage.Read();
            Console.WriteLine($"Launch {launch} of {launches} ({first} first), load {load}…");
            var launchMedians = new Dictionary<(string Workload, string Implementation), double>();
            if (!RunOneChild(first, launchMedians))
            {
                return 1;
            }

            IReadOnlyList<string> rtNeuralLines = RtNeuralReference.Run();
            IReadOnlyDictionary<string, double> reference = RtNeuralReference.ParseTimes(rtNeuralLines);
            foreach ((string workload, _, string net) in Workloads)
            {
                if (reference.TryGetValue(net, out double nanoseconds))
                {
                    launchMedians[(workload, RtNeural)] = nanoseconds;
                }
                else
                {
                    rtNeuralMissing ??= string.Join(" ", rtNeuralLines);
                }
            }

            foreach (((string workload, string implementation), double nanoseconds) in launchMedians)
            {
                Add(medians, workload, implementation, nanoseconds);
            }

            launchRows.Add(Invariant($"| {launch} | {first} | {load.Split(" (")[0]} | ")
                + string.Join(" | ", Workloads.Select(workload => string.Join(" / ", Columns.Select(column => launchMedians.TryGetValue((workload.Workload, column), out double value) ? Invariant($"{value:0.0}") : "—"))))
                + " |");
        }

        var report = new List<string>
        {
            Invariant($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {launches} launches, each one process running BenchmarkDotNet's short job in-process over the single-sample benchmarks of GenNN and the hand-written network (aligned buffers), then RTNeural's reference. ")
                + $"CPU: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}. Load average at start {loadAtStart}; at end {LoadAverage.Read()}.",
            string.Empty,
            "Per launch, ns per call: GenNN / hand-written / RTNeural (medians; RTNeural's best of 7 timings).",
            string.Empty,
            "| Launch | First | Load (1 / 5 / 15 min) | " + string.Join(" | ", Workloads.Select(workload => workload.Workload)) + " |",
            "|---:|---|---|" + string.Concat(Workloads.Select(_ => "---:|")),
        };
        report.AddRange(launchRows);
        report.AddRange(new[]
        {
            string.Empty,
            "Over the launches; spread = (max − min) / median.",
            string.Empty,
            "| Workload | Implementation | Min | Median | Max | Spread |",
            "|---|---|---:|---:|---:|---:|",
        });
        var verdicts = new List<string> { string.Empty, "| Target | Measured | Verdict |", "|---|---:|---|" };
        foreach ((string workload, _, _) in Workloads)
        {
            foreach (string implementation in Columns)
            {
                if (medians.TryGetValue((workload, implementation), out List<double>? times))
                {
                    report.Add(Invariant($"| {workload} | {implementation} | {times.Min():0.0} ns | {Median(times):0.0} ns | {times.Max():0.0} ns | {Spread(times):P1} |"));
                }
            }

            List<double> genNN = medians[(workload, Implementations.GenNN)];
            List<double> handWritten = medians[(workload, Implementations.HandWritten)];
            bool met = Spread(genNN) <= Spread(handWritten);
            verdicts.Add(Invariant(
                $"| GenNN's launch-to-launch spread ≤ the hand-written network's (aligned buffers), {workload} | {Spread(genNN):P1} vs {Spread(handWritten):P1} | {(met ? "met" : "**missed**")} |"));
        }

        report.AddRange(verdicts);
        if (rtNeuralMissing is not null)
        {
            report.Add(string.Empty);
            report.Add($"RTNeural's reference did not run in every launch: {rtNeuralMissing}");
        }

        string folder = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, Invariant($"LaunchSpread-{DateTime.UtcNow:yyyyMMdd-HHmmss}-readme.md"));
        File.WriteAllLines(path, report);
        Console.WriteLine();
        report.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        return 0;
    }


    /// <summary>Runs one child; false (after printing its whole output) unless it gave every median expected.</summary>
    private static bool RunOneChild(string first, Dictionary<(string Workload, string Implementation), double> medians)
    {
        // Started the way this process was: the apphost itself, or `dotnet GenNN.Benchmarks.dll`.
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark program's own path is unknown.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        start.ArgumentList.Add(ChildOption);
        start.ArgumentList.Add(first);
        using Process child = Process.Start(start)!;
        var output = new List<string>();
        DataReceivedEventHandler collect = (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.Add(line.Data);
                }
            }
        };
        child.OutputDataReceived += collect;
        child.ErrorDataReceived += collect;
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        if (!child.WaitForExit(LaunchTimeout))
        {
            child.Kill(entireProcessTree: true);
            Console.Error.WriteLine($"A launch took more than {LaunchTimeout.TotalMinutes} minutes and was stopped.");
            return false;
        }

        // The parameterless wait returns only once both streams are read to their end.
        child.WaitForExit();
        foreach (string line in output)
        {
            string[] fields = line.Split('\t');
            if (fields.Length == 4 && fields[0] == ResultPrefix)
            {
                medians[(fields[1], fields[2])] = double.Parse(fields[3], CultureInfo.InvariantCulture);
            }
        }

        bool complete = Workloads.All(workload => Timed.All(timed => medians.ContainsKey((workload.Workload, timed.Implementation))));
        if (child.ExitCode != 0 || !complete)
        {
            Console.Error.WriteLine($"A launch failed (exit code {child.ExitCode}; {medians.Count} of {Workloads.Length * Timed.Length} medians). Its output:");
            output.ForEach(Console.Error.WriteLine);
            return false;
        }

        return true;
    }

    private static void Add(Dictionary<(string, string), List<double>> medians, string workload, string implementation, double nanoseconds)
    {
        if (!medians.TryGetValue((workload, implementation), out List<double>? times))
        {
            medians[(workload, implementation)] = times = new List<double>();
        }

        times.Add(nanoseconds);
    }

    private static double Median(List<double> values)
    {
        List<double> sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Spread(List<double> values) => (values.Max() - values.Min()) / Median(values);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
