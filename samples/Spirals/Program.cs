using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using GenNN.Serialization;

namespace GenNN.Samples.Spirals;

/// <summary>
/// Trains the generated <see cref="SpiralNet"/> to tell two interleaved spirals apart and checks it generalizes.
/// The last line printed is always <c>accuracy: 0.xxxx</c>, the test-set accuracy, for scripts to read.
/// </summary>
internal static class Program
{
    /// <summary>The accuracy the sample promises; the default run clears it with a wide margin.</summary>
    private const double RequiredAccuracy = 0.99;

    private const int TrainPointsPerClass = 1500;
    private const int TestPointsPerClass = 1000;
    private const int BatchSize = 16;
    private const float LearningRate = 0.2f;
    private const float FinalLearningRate = 0.01f;

    /// <summary>How many times during a run the accuracies are measured and reported.</summary>
    private const int Evaluations = 10;

    private static int Main(string[] args)
    {
        // Numbers are printed for scripts as well as people (the last line especially): keep them culture-neutral.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        CommandLine? options = CommandLine.Parse(args, out string? error);
        if (options is null)
        {
            if (error is null)
            {
                Console.WriteLine(CommandLine.Usage);
                return 0;
            }

            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage);
            return 2;
        }

        // One seed drives the whole run. Each random stream gets its own seed; SeededRandom scrambles seeds through
        // SplitMix64, so neighbouring seeds give unrelated sequences.
        LabeledPoints train = TwoSpirals.Generate(TrainPointsPerClass, options.Seed + 1);
        LabeledPoints test = TwoSpirals.Generate(TestPointsPerClass, options.Seed + 2);
        var settings = new TrainingSettings(
            options.Epochs,
            BatchSize,
            LearningRate,
            FinalLearningRate,
            EvaluateEvery: Math.Max(1, options.Epochs / Evaluations),
            ShuffleSeed: options.Seed + 3);
        var network = new SpiralNet(options.Seed);

        ITrainingReport report = SpectreReport.IsSupported ? new SpectreReport() : new PlainReport();
        report.ShowSetup(new RunSetup(settings, options.Seed, train.Count, test.Count));

        var trainer = new Trainer(network, train, test, settings);
        var stopwatch = Stopwatch.StartNew();
        report.ShowTraining(trainer.Run(), settings);
        stopwatch.Stop();

        var outcome = new RunOutcome(trainer.Evaluate(), RequiredAccuracy, stopwatch.Elapsed, GeneratedSource.Find(typeof(SpiralNet)));
        report.ShowOutcome(outcome);
        if (options.WeightsPath is not null)
        {
            Safetensors.Export(network, options.WeightsPath);
            Console.WriteLine($"Saved the trained weights to {Path.GetFullPath(options.WeightsPath)}.");
        }

        Console.WriteLine($"accuracy: {outcome.Accuracy.Test:F4}");
        return outcome.Passed ? 0 : 1;
    }
}
