using System;
using System.Diagnostics;
using System.Globalization;
using GenNN.Samples.Spirals;

namespace GenNN.Samples.NativeAot;

/// <summary>
/// Classifies the two-spiral test set with the compiled-in <see cref="SpiralNet"/> and reports what a low-latency
/// program cares about: how soon after start the first answer is ready, and what one inference costs. The last
/// line printed is <c>accuracy: 0.xxxx</c>. With <c>--first-inference</c> it prints the first answer and exits, so
/// that timing the whole process measures start-up to first inference.
/// </summary>
internal static class Program
{
    /// <summary>The test set samples/Spirals evaluates on with its default seed (7 + 2).</summary>
    private const long TestSeed = 9;

    private const int TestPointsPerClass = 1000;

    /// <summary>Enough repetitions that the timer's resolution and the loop's overhead vanish in the mean.</summary>
    private const int TimedInferences = 1_000_000;

    /// <summary>
    /// Timed rounds, the fastest reported. Native AOT code runs at full speed from the first call; under the JIT
    /// (<c>dotnet run</c>) the first round runs partly in unoptimized code, before tiered compilation replaces it.
    /// </summary>
    private const int TimedRounds = 5;

    private static int Main(string[] args)
    {
        long started = Stopwatch.GetTimestamp();
        var network = new SpiralNet();
        Span<float> output = stackalloc float[SpiralNet.OutputSize];
        network.Forward([0.5f, -0.25f], output);
        TimeSpan toFirstInference = Stopwatch.GetElapsedTime(started);
        if (args is ["--first-inference"])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"class probabilities at (0.5, -0.25): {output[0]:F4} {output[1]:F4}"));
            return 0;
        }

        LabeledPoints test = TwoSpirals.Generate(TestPointsPerClass, TestSeed);
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            network.Forward(test.Features.AsSpan(i * SpiralNet.InputSize, SpiralNet.InputSize), output);
            int predicted = output[1] > output[0] ? 1 : 0;
            correct += predicted == test.Labels[i] ? 1 : 0;
        }

        double nanosecondsPerInference = double.MaxValue;
        for (int round = 0; round < TimedRounds; round++)
        {
            long timing = Stopwatch.GetTimestamp();
            for (int i = 0; i < TimedInferences; i++)
            {
                network.Forward(test.Features.AsSpan((i % test.Count) * SpiralNet.InputSize, SpiralNet.InputSize), output);
            }

            nanosecondsPerInference = Math.Min(nanosecondsPerInference, Stopwatch.GetElapsedTime(timing).TotalNanoseconds / TimedInferences);
        }
        double accuracy = (double)correct / test.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"main to first inference: {toFirstInference.TotalMicroseconds:F1} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one inference: {nanosecondsPerInference:F1} ns (fastest of {TimedRounds} rounds of {TimedInferences:N0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {accuracy:F4}"));
        return accuracy >= 0.99 ? 0 : 1;
    }
}
