using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNN.Benchmarks.Networks;
using GenNN.Benchmarks.Peers;
using GenNN.Benchmarks.Reporting;
using GenNN.Benchmarks.Validation;

namespace GenNN.Benchmarks.Benchmarks;

/// <summary>
/// G1 (<see cref="G1GeluRegressor"/>, GELU and SiLU activation layers): single-sample inference and minibatch-32
/// training against TorchSharp on one thread.
/// </summary>
public class GeluBenchmarks : IDisposable
{
    private const string Inference = "G1 inference, 1 sample";
    private const string Training = "G1 training, minibatch 32";
    private const int DataSeed = 107;

    private G1GeluRegressor network = null!;
    private TorchSharpGeluMlp torch = null!;
    private BenchmarkData data = null!;
    private float[] output = null!;

    /// <summary>Checks that GenNN and TorchSharp agree and that GenNN's benchmarked calls allocate nothing.</summary>
    public static IEnumerable<string> Validate()
    {
        using var benchmarks = new GeluBenchmarks();
        benchmarks.SetUp();
        var genNN = new float[G1GeluRegressor.OutputSize];
        var torchOutput = new float[G1GeluRegressor.OutputSize];
        benchmarks.network.Forward(benchmarks.data.Sample, genNN);
        benchmarks.torch.Infer(benchmarks.data.Sample, torchOutput, batchSize: 1);

        BenchmarkData.Minibatch minibatch = benchmarks.data.Minibatches[0];
        float[] before = benchmarks.network.Parameters.ToArray();
        double genNNLoss = benchmarks.network.TrainBatch(minibatch.Inputs, minibatch.Targets, BenchmarkData.LearningRate);
        double torchLoss = benchmarks.torch.TrainBatch(minibatch.Inputs, minibatch.Targets, BenchmarkData.MinibatchSize);
        List<Comparison> comparisons =
        [
            Comparison.Of("G1 inference: TorchSharp", Widen(torchOutput), Widen(genNN), EquivalenceCheck.OutputAbsolute, EquivalenceCheck.OutputRelative),
            .. EquivalenceCheck.CompareStep(
                G1GeluRegressor.Description,
                "TorchSharp",
                genNNLoss,
                EquivalenceCheck.Update(benchmarks.network.Parameters, before),
                torchLoss,
                EquivalenceCheck.Update(benchmarks.torch.ReadParameters(), before)),
        ];
        if (comparisons.FirstOrDefault(comparison => !comparison.Passed) is Comparison failed)
        {
            throw new InvalidOperationException(failed.ToString());
        }

        return comparisons.Select(comparison => comparison.ToString()).Concat(AllocationCheck.Verify(new G1GeluRegressor(), benchmarks.data)).ToList();
    }

    [GlobalSetup]
    public void SetUp()
    {
        TorchSharpRuntime.UseOneThread();
        network = new G1GeluRegressor();
        data = new BenchmarkData(G1GeluRegressor.Description, DataSeed);
        torch = new TorchSharpGeluMlp(network, BenchmarkData.LearningRate);
        output = new float[G1GeluRegressor.OutputSize];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        torch?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(Inference)]
    public void InferGenNN() => network.Forward(data.Sample, output);

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(Inference)]
    public void InferTorchSharp() => torch.Infer(data.Sample, output, batchSize: 1);

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(Training)]
    [SamplesPerCall(BenchmarkData.MinibatchSize)]
    public float TrainGenNN()
    {
        BenchmarkData.Minibatch minibatch = data.NextMinibatch();
        return network.TrainBatch(minibatch.Inputs, minibatch.Targets, BenchmarkData.LearningRate);
    }

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(Training)]
    [SamplesPerCall(BenchmarkData.MinibatchSize)]
    public float TrainTorchSharp()
    {
        BenchmarkData.Minibatch minibatch = data.NextMinibatch();
        return torch.TrainBatch(minibatch.Inputs, minibatch.Targets, BenchmarkData.MinibatchSize);
    }

    private static double[] Widen(float[] values) => values.Select(value => (double)value).ToArray();
}
