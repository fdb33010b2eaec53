using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNN.Benchmarks.Networks;
using GenNN.Benchmarks.Peers;
using GenNN.Benchmarks.Reporting;
using GenNN.Benchmarks.Validation;

namespace GenNN.Benchmarks.Benchmarks;

/// <summary>
/// N1 (2 → 16 tanh → 16 tanh → 1, MSE): single-sample inference and minibatch-32 training. GenNN is called on its
/// concrete class, as in user code: a generic benchmark over the interface would time an interface dispatch too.
/// </summary>
public class N1Benchmarks
{
    private const string Inference = "N1 inference, 1 sample";
    private const string Training = "N1 training, minibatch 32";
    private const int DataSeed = 101;

    private N1TanhRegressor network = null!;
    private NetworkPeers peers = null!;
    private float[] sample = null!;
    private double[] sampleAsDouble = null!;
    private float[] output = null!;

    /// <summary>
    /// Builds every implementation from N1's default weights, checks that they agree, and that GenNN's benchmarked
    /// calls allocate nothing; returns what was checked, one line each.
    /// </summary>
    public static IEnumerable<string> Validate()
    {
        using var peers = new NetworkPeers(new N1TanhRegressor(), DataSeed);
        return EquivalenceCheck.Verify(peers, () => new N1TanhRegressor())
            .Select(comparison => comparison.ToString())
            .Concat(AllocationCheck.Verify(new N1TanhRegressor(), peers.Data))
            .ToList();
    }

    [GlobalSetup]
    public void SetUp()
    {
        network = new N1TanhRegressor();
        peers = new NetworkPeers(network, DataSeed);
        EquivalenceCheck.Verify(peers, () => new N1TanhRegressor());
        sample = peers.Data.Sample;
        sampleAsDouble = peers.Data.SampleAsDouble;
        output = new float[N1TanhRegressor.OutputSize];
    }

    [GlobalCleanup]
    public void CleanUp() => peers.Dispose();

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(Inference)]
    public void InferGenNN() => network.Forward(sample, output);

    [Benchmark(Description = "Naive C#")]
    [BenchmarkCategory(Inference)]
    public double[] InferNaive() => peers.Naive.Forward(sampleAsDouble);

    [Benchmark(Description = Implementations.HandWritten)]
    [BenchmarkCategory(Inference)]
    public void InferHandWritten() => peers.HandWritten.Forward(sample, output);

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(Inference)]
    public void InferTorchSharp() => peers.TorchSharp.Infer(sample, output, batchSize: 1);

    [Benchmark(Description = "ONNX Runtime")]
    [BenchmarkCategory(Inference)]
    public void InferOnnxRuntime() => peers.OnnxRuntime.Infer(sample, output);

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(Training)]
    [SamplesPerCall(BenchmarkData.MinibatchSize)]
    public float TrainGenNN()
    {
        BenchmarkData.Minibatch minibatch = peers.Data.NextMinibatch();
        return network.TrainBatch(minibatch.Inputs, minibatch.Targets, BenchmarkData.LearningRate);
    }

    [Benchmark(Description = "Naive C#")]
    [BenchmarkCategory(Training)]
    [SamplesPerCall(BenchmarkData.MinibatchSize)]
    public double TrainNaive()
    {
        BenchmarkData.Minibatch minibatch = peers.Data.NextMinibatch();
        return peers.Naive.TrainBatch(minibatch.NaiveInputs, minibatch.NaiveTargets, BenchmarkData.LearningRate);
    }

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(Training)]
    [SamplesPerCall(BenchmarkData.MinibatchSize)]
    public float TrainTorchSharp()
    {
        BenchmarkData.Minibatch minibatch = peers.Data.NextMinibatch();
        return peers.TorchSharp.TrainBatch(minibatch.Inputs, minibatch.Targets, minibatch.ClassIndices, BenchmarkData.MinibatchSize);
    }
}
