using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNN.Benchmarks.Networks;
using GenNN.Benchmarks.Peers;
using GenNN.Benchmarks.Reporting;
using GenNN.Benchmarks.Validation;

namespace GenNN.Benchmarks.Benchmarks;

/// <summary>
/// N3 (784 → 128 relu → 10 softmax, cross-entropy): single-sample inference, minibatch-32 training and batched
/// inference of 256 samples. GenNN is called on its
/// concrete class, as in user code: a generic benchmark over the interface would time an interface dispatch too.
/// </summary>
public class N3Benchmarks
{
    private const string Inference = "N3 inference, 1 sample";
    private const string Training = "N3 training, minibatch 32";
    private const string BatchInference = "N3 inference, batch 256";
    private const int DataSeed = 103;

    private N3MnistClassifier network = null!;
    private NetworkPeers peers = null!;
    private float[] sample = null!;
    private double[] sampleAsDouble = null!;
    private float[] output = null!;
    private float[] batchInputs = null!;
    private float[] batchOutputs = null!;

    /// <summary>
    /// Builds every implementation from N3's default weights, checks that they agree, and that GenNN's benchmarked
    /// calls allocate nothing; returns what was checked, one line each.
    /// </summary>
    public static IEnumerable<string> Validate()
    {
        using var peers = new NetworkPeers(new N3MnistClassifier(), DataSeed);
        return EquivalenceCheck.Verify(peers, () => new N3MnistClassifier())
            .Select(comparison => comparison.ToString())
            .Concat(AllocationCheck.Verify(new N3MnistClassifier(), peers.Data))
            .ToList();
    }

    [GlobalSetup]
    public void SetUp()
    {
        network = new N3MnistClassifier();
        peers = new NetworkPeers(network, DataSeed);
        EquivalenceCheck.Verify(peers, () => new N3MnistClassifier());
        sample = peers.Data.Sample;
        sampleAsDouble = peers.Data.SampleAsDouble;
        output = new float[N3MnistClassifier.OutputSize];
        batchInputs = peers.Data.InferenceBatch;
        batchOutputs = new float[BenchmarkData.InferenceBatchSize * N3MnistClassifier.OutputSize];
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

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(BatchInference)]
    [SamplesPerCall(BenchmarkData.InferenceBatchSize)]
    public void InferBatchGenNN() => network.ForwardBatch(batchInputs, batchOutputs);

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(BatchInference)]
    [SamplesPerCall(BenchmarkData.InferenceBatchSize)]
    public void InferBatchTorchSharp() => peers.TorchSharp.Infer(batchInputs, batchOutputs, BenchmarkData.InferenceBatchSize);

    [Benchmark(Description = "ONNX Runtime")]
    [BenchmarkCategory(BatchInference)]
    [SamplesPerCall(BenchmarkData.InferenceBatchSize)]
    public void InferBatchOnnxRuntime() => peers.OnnxRuntimeBatch.Infer(batchInputs, batchOutputs);
}
