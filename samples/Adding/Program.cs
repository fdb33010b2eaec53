using System;
using System.Diagnostics;
using System.Globalization;
using GenNN.Training;

namespace GenNN.Samples.Adding;

/// <summary>
/// Trains <see cref="AddingLstm"/> and <see cref="AddingDense"/> on the same adding-problem data, compares them on
/// held-out sequences, then streams the trained LSTM frame by frame and times a step. The last line is
/// <c>accuracy: 0.xxxx</c>: the LSTM's fraction of test sums within <see cref="AddingProblem.Tolerance"/>.
/// </summary>
internal static class Program
{
    private const int TrainingSequences = 12_000;
    private const int TestSequences = 2_000;
    private const int Epochs = 30;

    /// <summary>The LSTM's promised test accuracy.</summary>
    private const double RequiredAccuracy = 0.9;

    private static int Main()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var random = new SeededRandom(2026);
        (float[] trainInputs, float[] trainTargets) = AddingProblem.Generate(TrainingSequences, ref random);
        (float[] testInputs, float[] testTargets) = AddingProblem.Generate(TestSequences, ref random);
        Console.WriteLine("GenNN sample: the adding problem");
        Console.WriteLine($"Data      {TrainingSequences} training and {TestSequences} test sequences of {AddingProblem.Steps} steps; target: the sum of the two marked values");
        Console.WriteLine($"Baseline  always guessing 1: mean squared error {Mse(testTargets, _ => 1f):F4}");

        var options = new FitOptions
        {
            Epochs = Epochs,
            BatchSize = 32,
            Seed = 7,
            Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.01 },
            Schedule = new CosineAnnealingSchedule(Epochs),
            Clipping = GradientClipping.ByNorm(1.0),
        };

        var lstm = new AddingLstm();
        var dense = new AddingDense();
        double lstmSeconds = Train(lstm, trainInputs, trainTargets, options);
        double denseSeconds = Train(dense, trainInputs, trainTargets, options);
        float[] lstmPredictions = Predict(lstm, testInputs, TestSequences);
        float[] densePredictions = Predict(dense, testInputs, TestSequences);
        Console.WriteLine();
        Console.WriteLine($"{"model",-28} {"parameters",10} {"test MSE",10} {"within ±" + AddingProblem.Tolerance.ToString("F2", CultureInfo.InvariantCulture),10} {"training",10}");
        Report("LSTM 24 -> dense 1", AddingLstm.ParameterCount, testTargets, lstmPredictions, lstmSeconds);
        Report("dense 60 -> 40 ReLU -> 1", AddingDense.ParameterCount, testTargets, densePredictions, denseSeconds);

        double streamingNanoseconds = Stream(lstm, testInputs, lstmPredictions);
        Console.WriteLine();
        Console.WriteLine($"Streaming the trained LSTM one frame at a time: {streamingNanoseconds:F1} ns per step (LSTM 2 -> 24 and the dense head), the same sums as the sequence pass");

        double accuracy = WithinTolerance(testTargets, lstmPredictions);
        if (accuracy < RequiredAccuracy)
        {
            Console.Error.WriteLine($"Warning: the LSTM's accuracy {accuracy:F4} is below the {RequiredAccuracy:F2} this sample promises.");
        }

        Console.WriteLine($"accuracy: {accuracy:F4}");
        return accuracy >= RequiredAccuracy ? 0 : 1;
    }

    private static double Train(ITrainableNetwork<float> network, float[] inputs, float[] targets, FitOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        TrainingHistory history = network.Fit(inputs, targets, options);
        stopwatch.Stop();
        Console.WriteLine($"Trained   {network.Description.Name}: {history.Epochs.Count} epochs, final training loss {history.Last["loss"]:F5}, {stopwatch.Elapsed.TotalSeconds:F1} s");
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static float[] Predict(INetwork<float> network, float[] inputs, int count)
    {
        var outputs = new float[count];
        network.ForwardBatch(inputs, outputs);
        return outputs;
    }

    private static void Report(string name, int parameters, float[] targets, float[] predictions, double seconds)
        => Console.WriteLine($"{name,-28} {parameters,10} {Mse(targets, i => predictions[i]),10:F5} {WithinTolerance(targets, predictions),10:P1} {seconds,9:F1}s");

    /// <summary>
    /// Feeds every test sequence through <see cref="AddingLstm.Step"/> frame by frame, checks that each stream ends at
    /// the sequence pass's prediction, and returns the mean time per step of the fastest of several such passes (for
    /// half a second, at least three): the first ones run while the JIT still has the step's unoptimized code, which
    /// took about nine times as long here.
    /// </summary>
    private static double Stream(AddingLstm lstm, float[] inputs, float[] expected)
    {
        double fastest = double.MaxValue;
        var elapsed = Stopwatch.StartNew();
        for (int pass = 0; pass < 3 || elapsed.Elapsed.TotalSeconds < 0.5; pass++)
        {
            fastest = Math.Min(fastest, StreamOnce(lstm, inputs, expected));
        }

        return fastest;
    }

    /// <summary>One pass of <see cref="Stream"/>: the mean time per step over every test sequence.</summary>
    private static double StreamOnce(AddingLstm lstm, float[] inputs, float[] expected)
    {
        var state = default(AddingLstm.State);
        float[] output = new float[AddingLstm.OutputSize];
        int frames = AddingProblem.Steps;
        long steps = 0;
        var stopwatch = Stopwatch.StartNew();
        for (int sequence = 0; sequence < TestSequences; sequence++)
        {
            state.Reset();
            for (int frame = 0; frame < frames; frame++)
            {
                lstm.Step(ref state, inputs.AsSpan(((sequence * frames) + frame) * AddingLstm.FrameSize, AddingLstm.FrameSize), output);
            }

            steps += frames;
            if (output[0] != expected[sequence])
            {
                throw new InvalidOperationException($"Sequence {sequence}: streaming gave {output[0]}, the sequence pass {expected[sequence]}.");
            }
        }

        stopwatch.Stop();
        return stopwatch.Elapsed.TotalNanoseconds / steps;
    }

    private static double Mse(float[] targets, Func<int, float> prediction)
    {
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double error = prediction(i) - targets[i];
            sum += error * error;
        }

        return sum / targets.Length;
    }

    private static double WithinTolerance(float[] targets, float[] predictions)
    {
        int within = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            within += Math.Abs(predictions[i] - targets[i]) <= AddingProblem.Tolerance ? 1 : 0;
        }

        return (double)within / targets.Length;
    }
}
