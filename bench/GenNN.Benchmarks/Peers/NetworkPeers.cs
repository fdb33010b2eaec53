using System;
using System.Collections.Generic;
using System.IO;
using GenNN.Benchmarks.Naive;
using GenNN.Benchmarks.Networks;
using GenNN.Onnx;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// Everything a GenNN network is compared with, built from that network's current weights: the naive network,
/// the hand-written one, TorchSharp, ONNX Runtime on GenNN's ONNX export (one session for single samples, one bound
/// to a batch), and the seeded data they all read.
/// </summary>
public sealed class NetworkPeers : IDisposable
{
    public NetworkPeers(ITrainableNetwork<float> network, int dataSeed)
    {
        TorchSharpRuntime.UseOneThread();
        Description = network.Description;
        LossFunction loss = Description.Loss ?? throw new ArgumentException($"{Description.Name} declares no loss.", nameof(network));
        Weights = DenseLayerWeights.Read(Description, network.Parameters);
        Data = new BenchmarkData(Description, dataSeed);
        Naive = new NaiveNetwork(Weights, loss);
        TorchSharp = new TorchSharpNetwork(Weights, loss, BenchmarkData.LearningRate);

        using var model = new MemoryStream();
        OnnxExporter.Write(network, model);
        OnnxRuntime = new OnnxRuntimeNetwork(model.ToArray(), Description.InputSize, Description.OutputSize, batchSize: 1);
        OnnxRuntimeBatch = new OnnxRuntimeNetwork(model.ToArray(), Description.InputSize, Description.OutputSize, BenchmarkData.InferenceBatchSize);
        HandWritten = new HandWrittenNetwork(Weights);
    }

    public NetworkDescription Description { get; }

    /// <summary>The weights every peer started from, per layer.</summary>
    public IReadOnlyList<DenseLayerWeights> Weights { get; }

    public BenchmarkData Data { get; }

    public NaiveNetwork Naive { get; }

    public HandWrittenNetwork HandWritten { get; }

    public TorchSharpNetwork TorchSharp { get; }

    /// <summary>ONNX Runtime bound to one sample.</summary>
    public OnnxRuntimeNetwork OnnxRuntime { get; }

    /// <summary>ONNX Runtime bound to <see cref="BenchmarkData.InferenceBatchSize"/> samples.</summary>
    public OnnxRuntimeNetwork OnnxRuntimeBatch { get; }

    public void Dispose()
    {
        HandWritten.Dispose();
        TorchSharp.Dispose();
        OnnxRuntime.Dispose();
        OnnxRuntimeBatch.Dispose();
    }
}
