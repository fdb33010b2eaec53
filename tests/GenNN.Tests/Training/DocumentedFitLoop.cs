using System;
using System.Linq;
using System.Numerics;
using GenNN.Training;

namespace GenNN.Tests.Training;

/// <summary>
/// The fit loop exactly as docs/training.md describes it (shuffles, chunks, dropout seeds, reduction order, loss
/// sum), written plainly on one thread: the independent reference the fit loop's results must equal bit for bit.
/// </summary>
internal static class DocumentedFitLoop
{
    /// <summary>
    /// Trains <paramref name="network"/> as <paramref name="options"/> say (without validation or early stopping):
    /// returns the final parameters and each epoch's mean training loss.
    /// </summary>
    public static (T[] Parameters, double[] Losses) Run<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, FitOptions options)
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
            if (options.Shuffle)
            {
                shuffle.Shuffle(order.AsSpan());
            }

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
    public static long DeriveSeed(long seed, long index)
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
}
