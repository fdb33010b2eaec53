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

        (double[] expected, double[] expectedLosses) = DocumentedSequentialFit(new ParallelDropoutClassifier(), inputs, targets, options);
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

        (float[] expected, double[] expectedLosses) = DocumentedSequentialFit(new WideClassifier(), inputs, targets, options);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            (float[] parameters, TrainingHistory history) = Train(new WideClassifier(), inputs, targets, options with { DegreeOfParallelism = threads });
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

        (float[] expected, double[] expectedLosses) = DocumentedSequentialFit(new DropoutSpiralClassifier(), data.Inputs, data.Targets, options);
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

    /// <summary>
    /// The fit loop as docs/training.md describes it, on one thread, without validation: returns the final parameters
    /// and each epoch's mean training loss.
    /// </summary>
    private static (T[] Parameters, double[] Losses) DocumentedSequentialFit<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, FitOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        int count = inputs.Length / inputSize;
        int[] order = Enumerable.Range(0, count).ToArray();
        var shuffle = new SeededRandom(options.Seed);
        OptimizerOptions optimizerOptions = options.Optimizer ?? network.DefaultOptimizer;
        Optimizer<T> optimizer = Optimizer<T>.Create(optimizerOptions, network.ParameterCount);
        options.Schedule?.Start(optimizerOptions.LearningRate);
        var losses = new double[options.Epochs];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            shuffle.Shuffle(order.AsSpan());
            double learningRate = options.Schedule?.LearningRate ?? optimizerOptions.LearningRate;
            long epochSeed = DeriveSeed(options.Seed, epoch);
            double lossSum = 0;
            for (int batch = 0, start = 0; start < count; batch++, start += options.BatchSize)
            {
                int size = Math.Min(options.BatchSize, count - start);
                int chunks = Math.Clamp(size / 16, 1, options.ChunksPerBatch);
                long batchSeed = DeriveSeed(epochSeed, batch);
                var chunkGradients = new T[chunks][];
                double batchLoss = 0;
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    int first = chunk * size / chunks;
                    int chunkSize = ((chunk + 1) * size / chunks) - first;
                    int[] samples = order[(start + first)..(start + first + chunkSize)];
                    T[] chunkInputs = samples.SelectMany(i => inputs.AsSpan(i * inputSize, inputSize).ToArray()).ToArray();
                    T[] chunkTargets = samples.SelectMany(i => targets.AsSpan(i * outputSize, outputSize).ToArray()).ToArray();
                    chunkGradients[chunk] = new T[network.ParameterCount];
                    var dropout = new SeededRandom(DeriveSeed(batchSeed, chunk));
                    batchLoss += double.CreateChecked(network.AccumulateGradients(chunkInputs, chunkTargets, chunkGradients[chunk], ref dropout));
                }

                lossSum += batchLoss;
                T[] gradient = chunkGradients[0];
                for (int chunk = 1; chunk < chunks; chunk++)
                {
                    for (int p = 0; p < gradient.Length; p++)
                    {
                        gradient[p] += chunkGradients[chunk][p];
                    }
                }

                for (int p = 0; p < gradient.Length; p++)
                {
                    gradient[p] /= T.CreateChecked(size);
                }

                options.Clipping?.Apply<T>(gradient);
                optimizer.Step(network.Parameters, gradient, learningRate);
            }

            losses[epoch - 1] = lossSum / count;
            options.Schedule?.Step();
        }

        return (network.Parameters.ToArray(), losses);
    }

    /// <summary>The dropout seed of stream <paramref name="index"/> below <paramref name="seed"/>, as docs/training.md gives it: SplitMix64's finalizer, twice.</summary>
    private static long DeriveSeed(long seed, long index)
    {
        static ulong Mix(ulong value)
        {
            ulong z = value + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        return (long)Mix(Mix((ulong)seed) ^ (ulong)index);
    }

    private static (T[] Parameters, TrainingHistory History) Train<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, FitOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TrainingHistory history = network.Fit(inputs, targets, options);
        return (network.Parameters.ToArray(), history);
    }
}
