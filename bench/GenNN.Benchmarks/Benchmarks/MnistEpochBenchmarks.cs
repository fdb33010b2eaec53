using System;
using BenchmarkDotNet.Attributes;
using GenNN.Benchmarks.Networks;
using GenNN.Benchmarks.Reporting;

namespace GenNN.Benchmarks.Benchmarks;

/// <summary>
/// One MNIST-size training epoch on one core: N3 (784 → 128 → 10) trained by <c>TrainBatch</c> over 60,000 samples in
/// minibatches of 32 (1,875 calls), the whole epoch per benchmark call. The data are uniform random pixels with
/// random one-hot labels, generated once: the arithmetic and memory traffic are those of MNIST, and the benchmark
/// needs no download.
/// </summary>
public class MnistEpochBenchmarks
{
    /// <summary>MNIST's training set.</summary>
    public const int EpochSamples = 60_000;

    /// <summary>The benchmark's category, the workload in the reports.</summary>
    public const string Workload = "MNIST-size epoch, 60,000 samples, minibatch 32, one core";

    private const int Minibatches = EpochSamples / BenchmarkData.MinibatchSize;

    private N3MnistClassifier network = null!;
    private float[] inputs = null!;
    private float[] targets = null!;

    [GlobalSetup]
    public void SetUp()
    {
        network = new N3MnistClassifier();
        var random = new SeededRandom(60_000);
        inputs = new float[EpochSamples * N3MnistClassifier.InputSize];
        targets = new float[EpochSamples * N3MnistClassifier.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble();
        }

        for (int sample = 0; sample < EpochSamples; sample++)
        {
            targets[(sample * N3MnistClassifier.OutputSize) + random.NextInt32(N3MnistClassifier.OutputSize)] = 1;
        }
    }

    [Benchmark(Description = "GenNN")]
    [BenchmarkCategory(Workload)]
    [SamplesPerCall(EpochSamples)]
    public float TrainEpoch()
    {
        float loss = 0;
        int inputLength = BenchmarkData.MinibatchSize * N3MnistClassifier.InputSize;
        int targetLength = BenchmarkData.MinibatchSize * N3MnistClassifier.OutputSize;
        for (int b = 0; b < Minibatches; b++)
        {
            loss += network.TrainBatch(inputs.AsSpan(b * inputLength, inputLength), targets.AsSpan(b * targetLength, targetLength), BenchmarkData.LearningRate);
        }

        return loss;
    }
}
