using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using Perfolizer.Horology;
using GenNN.Benchmarks.Reporting;

namespace GenNN.Benchmarks;

/// <summary>How the benchmarks run and what the summary shows.</summary>
internal static class BenchmarkConfiguration
{
    private static readonly Job ShortJob = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(9)
        .WithIterationTime(TimeInterval.FromMilliseconds(150));

    /// <summary>
    /// In-process (the out-of-process toolchain builds a separate project that would load an unpatched
    /// libLibTorchSharp.so; see build/TorchSharp.targets), with allocations per call, medians, GenNN's speedup and
    /// throughput, and one joined table exported as GitHub markdown beside the README tables.
    /// </summary>
    /// <param name="shortRun">
    /// A short job instead of the default one: 3 warm-up and 9 measured iterations of about 150 ms (BenchmarkDotNet's
    /// ShortRun takes 3 of 500 ms, whose median one noisy iteration decides), about 3 minutes in all.
    /// </param>
    /// <param name="resultsExporter">Writes the README tables.</param>
    public static IConfig Create(bool shortRun, IExporter resultsExporter)
    {
        Job job = (shortRun ? ShortJob : Job.Default)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(shortRun ? "Short" : "Full");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CategoriesColumn.Default)
            .AddColumn(StatisticColumn.Median, new GenNNSpeedupColumn(), new SamplesPerSecondColumn())
            .HideColumns(Column.Ratio, Column.RatioSD, Column.AllocRatio, Column.Job)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub, resultsExporter)
            .AddValidator(JitOptimizationsValidator.FailOnError)
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
            .WithOptions(ConfigOptions.JoinSummary);
    }

    /// <summary>
    /// One launch of <see cref="LaunchSpread"/>: the short job in-process, nothing exported (the parent process
    /// collects the medians), and the same refusal of unoptimized code.
    /// </summary>
    public static IConfig CreateForLaunch()
        => ManualConfig.CreateEmpty()
            .AddJob(ShortJob.WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddValidator(JitOptimizationsValidator.FailOnError)
            .WithOptions(ConfigOptions.JoinSummary);
}
