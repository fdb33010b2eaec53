using System;
using System.Linq;

namespace GenNN.Benchmarks.Networks;

/// <summary>
/// Seeded inputs and targets for one network, in the form each implementation takes: float arrays for GenNN,
/// TorchSharp and ONNX Runtime, arrays of double arrays for the naive network, class indices for TorchSharp's
/// cross-entropy. Inputs are uniform in [−1, 1]; targets uniform in [−1, 1] for regression, one-hot for
/// cross-entropy. Training cycles through several minibatches so that it never settles into memorizing one.
/// </summary>
public sealed class BenchmarkData
{
    /// <summary>Samples per training step.</summary>
    public const int MinibatchSize = 32;

    /// <summary>Samples per batched-inference call.</summary>
    public const int InferenceBatchSize = 256;

    /// <summary>The learning rate of every training step (all implementations: plain SGD).</summary>
    public const float LearningRate = 0.01f;

    private const int MinibatchCount = 8;

    private int next;

    public BenchmarkData(NetworkDescription description, int seed)
    {
        var random = new Random(seed);
        bool classification = description.Loss == LossFunction.CrossEntropy;
        Sample = Uniform(random, description.InputSize);
        SampleAsDouble = Sample.Select(value => (double)value).ToArray();
        InferenceBatch = Uniform(random, InferenceBatchSize * description.InputSize);
        Minibatches = Enumerable.Range(0, MinibatchCount)
            .Select(_ => new Minibatch(random, description.InputSize, description.OutputSize, classification))
            .ToArray();
    }

    /// <summary>One input, for single-sample inference.</summary>
    public float[] Sample { get; }

    /// <summary><see cref="Sample"/> for the naive network.</summary>
    public double[] SampleAsDouble { get; }

    /// <summary><see cref="InferenceBatchSize"/> inputs, sample after sample.</summary>
    public float[] InferenceBatch { get; }

    /// <summary>The training minibatches, used in turn.</summary>
    public Minibatch[] Minibatches { get; }

    /// <summary>The next of <see cref="Minibatches"/>, after the last the first again.</summary>
    public Minibatch NextMinibatch()
    {
        next = next == Minibatches.Length - 1 ? 0 : next + 1;
        return Minibatches[next];
    }

    private static float[] Uniform(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray();

    /// <summary><see cref="MinibatchSize"/> samples.</summary>
    public sealed class Minibatch
    {
        public Minibatch(Random random, int inputSize, int outputSize, bool classification)
        {
            Inputs = Uniform(random, MinibatchSize * inputSize);
            Targets = new float[MinibatchSize * outputSize];
            ClassIndices = new long[MinibatchSize];
            for (int sample = 0; sample < MinibatchSize; sample++)
            {
                if (classification)
                {
                    ClassIndices[sample] = random.Next(outputSize);
                    Targets[(sample * outputSize) + (int)ClassIndices[sample]] = 1;
                }
                else
                {
                    for (int k = 0; k < outputSize; k++)
                    {
                        Targets[(sample * outputSize) + k] = (float)((2 * random.NextDouble()) - 1);
                    }
                }
            }

            NaiveInputs = Split(Inputs, inputSize);
            NaiveTargets = Split(Targets, outputSize);
        }

        /// <summary>The inputs, sample after sample.</summary>
        public float[] Inputs { get; }

        /// <summary>The targets, sample after sample (one-hot for classification).</summary>
        public float[] Targets { get; }

        /// <summary>For classification, each sample's class; zeros otherwise.</summary>
        public long[] ClassIndices { get; }

        /// <summary><see cref="Inputs"/>, one double array per sample.</summary>
        public double[][] NaiveInputs { get; }

        /// <summary><see cref="Targets"/>, one double array per sample.</summary>
        public double[][] NaiveTargets { get; }

        private static double[][] Split(float[] values, int size)
            => Enumerable.Range(0, values.Length / size)
                .Select(sample => values.Skip(sample * size).Take(size).Select(value => (double)value).ToArray())
                .ToArray();
    }
}
