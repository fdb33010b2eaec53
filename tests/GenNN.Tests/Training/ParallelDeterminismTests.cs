using System;
using System.Linq;
using System.Numerics;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>
/// The fit loop computes exactly what docs/training.md says it does, on any number of threads: every test compares
/// with a sequential loop written here from that description, bit for bit.
/// </summary>
public sealed class ParallelDeterminismTests
{
    /// <summary>
    /// Training with dropout in double on two threads, checked to have run chunks on the worker thread, gives exactly
    /// the weights and losses of a sequential loop written here from docs/training.md: the same shuffled order, each
    /// batch cut into min(max(size / 16, 1), ChunksPerBatch) near-equal chunks, each chunk's gradient summed by the
    /// network's AccumulateGradients into its own buffer with its own dropout stream, the buffers added in chunk
    /// order, divided by the batch size, clipped, and stepped. So does one thread.
    /// </summary>
    [Fact]
    public void Two_threads_with_dropout_in_double_give_the_documented_sequential_result_bit_for_bit()
    {
        (double[] inputs, double[] targets) = QuadrantProblem(450, ParallelDropoutClassifier.InputSize, seed: 5);
        var options = new FitOptions
        {
            Epochs = 3,
            BatchSize = 100, // 4 batches of 100 in 6 chunks of 16 or 17 samples, then 50 in 3 chunks
            Seed = 9,
            Clipping = GradientClipping.ByNorm(1),
            Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.01 },
        };

        (double[] expected, double[] expectedLosses) = DocumentedFitLoop.Run(new ParallelDropoutClassifier(), inputs, targets, options);
        var watched = new ThreadWatchingNetwork<double>(new ParallelDropoutClassifier());
        TrainingHistory parallel = watched.Fit(inputs, targets, options with { DegreeOfParallelism = 2 });
        var single = new ParallelDropoutClassifier();
        TrainingHistory sequential = single.Fit(inputs, targets, options with { DegreeOfParallelism = 1 });

        Assert.True(watched.CallsOnOtherThreads > 0, "the fit never ran a chunk on its worker thread");
        Assert.Equal(expected, watched.Parameters.ToArray());
        Assert.Equal(expectedLosses, parallel["loss"]);
        Assert.Equal(expected, single.Parameters.ToArray());
        Assert.Equal(expectedLosses, sequential["loss"]);
    }

    [Fact]
    public void Any_thread_count_gives_the_documented_result_in_float_for_a_large_network()
    {
        (double[] quadrantInputs, double[] quadrantTargets) = QuadrantProblem(1500, WideClassifier.InputSize, seed: 3);
        float[] inputs = quadrantInputs.Select(value => (float)value).ToArray();
        float[] targets = quadrantTargets.Select(value => (float)value).ToArray();
        var options = new FitOptions
        {
            Epochs = 3,
            BatchSize = 256,
            Seed = 4,
            Schedule = new StepSchedule(1, 0.5),
            Optimizer = OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.5, Centered = true },
        };

        (float[] expected, double[] expectedLosses) = DocumentedFitLoop.Run(new WideClassifier(), inputs, targets, options);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            (float[] parameters, TrainingHistory history) = Train(new WideClassifier(), inputs, targets, options with { DegreeOfParallelism = threads });
            Assert.Equal(expected, parameters);
            Assert.Equal(expectedLosses, history["loss"]);
        }
    }

    /// <summary>The recurrent block passes, whose samples advance together, sum each chunk the same on any thread.</summary>
    [Fact]
    public void Any_thread_count_gives_the_documented_result_in_float_for_recurrent_layers()
    {
        (double[] quadrantInputs, double[] quadrantTargets) = QuadrantProblem(300, RecurrentClassifier.InputSize, seed: 7);
        float[] inputs = quadrantInputs.Select(value => (float)value).ToArray();
        float[] targets = quadrantTargets.Select(value => (float)value).ToArray();
        var options = new FitOptions { Epochs = 2, BatchSize = 120, Seed = 8 }; // 2 batches of 120 in 7 chunks, then 60 in 3

        (float[] expected, double[] expectedLosses) = DocumentedFitLoop.Run(new RecurrentClassifier(), inputs, targets, options);
        foreach (int threads in new[] { 1, 2 })
        {
            (float[] parameters, TrainingHistory history) = Train(new RecurrentClassifier(), inputs, targets, options with { DegreeOfParallelism = threads });
            Assert.Equal(expected, parameters);
            Assert.Equal(expectedLosses, history["loss"]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Each_seed_gives_the_documented_shuffles_and_dropout_masks(long seed)
    {
        TwoSpirals data = TwoSpirals.Generate(200, seed: 6);
        var options = new FitOptions { Epochs = 2, BatchSize = 32, Seed = seed };

        (float[] expected, double[] expectedLosses) = DocumentedFitLoop.Run(new DropoutSpiralClassifier(), data.Inputs, data.Targets, options);
        (float[] parameters, TrainingHistory history) = Train(new DropoutSpiralClassifier(), data.Inputs, data.Targets, options);

        Assert.Equal(expected, parameters);
        Assert.Equal(expectedLosses, history["loss"]);
    }

    [Fact]
    public void A_failure_on_a_worker_thread_reaches_the_caller_and_leaves_the_weights_alone()
    {
        var failure = new InvalidOperationException("a chunk failed");
        var network = new InstrumentedWideClassifier
        {
            BeforeAccumulate = onCallingThread =>
            {
                if (!onCallingThread)
                {
                    throw failure;
                }
            },
        };
        float[] before = network.Parameters.ToArray();
        float[] inputs = new float[512 * WideClassifier.InputSize];
        float[] targets = new float[512 * WideClassifier.OutputSize];
        targets.AsSpan().Fill(0.25f);

        // Retried: the worker must win at least one chunk, which is likely but not certain on a busy machine.
        Exception? thrown = null;
        for (int attempt = 0; attempt < 20 && thrown is null; attempt++)
        {
            thrown = Record.Exception(() => network.Fit(inputs, targets, new FitOptions { BatchSize = 512, DegreeOfParallelism = 2 }));
            if (thrown is null)
            {
                before.CopyTo(network.Parameters);
            }
        }

        Assert.Same(failure, thrown);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    /// <summary>Gaussian inputs; the class (one-hot, of 4) is the quadrant of the first two inputs, a learnable rule.</summary>
    private static (double[] Inputs, double[] Targets) QuadrantProblem(int count, int inputSize, long seed)
    {
        var random = new SeededRandom(seed);
        double[] inputs = Enumerable.Range(0, count * inputSize).Select(_ => random.NextGaussian()).ToArray();
        double[] targets = new double[count * 4];
        for (int i = 0; i < count; i++)
        {
            targets[(i * 4) + ((inputs[i * inputSize] > 0 ? 1 : 0) + (inputs[(i * inputSize) + 1] > 0 ? 2 : 0))] = 1;
        }

        return (inputs, targets);
    }

    private static (T[] Parameters, TrainingHistory History) Train<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, FitOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TrainingHistory history = network.Fit(inputs, targets, options);
        return (network.Parameters.ToArray(), history);
    }
}
