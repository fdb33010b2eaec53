using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNN.Benchmarks.Networks;
using GenNN.Benchmarks.Peers;
using GenNN.Benchmarks.Reporting;
using GenNN.Benchmarks.Validation;
using GenNN.Onnx;

namespace GenNN.Benchmarks.Benchmarks;

/// <summary>
/// C1 (a LeNet-size CNN, <see cref="C1LeNetClassifier"/>): single-sample inference against TorchSharp and ONNX Runtime
/// (on GenNN's own ONNX export), and minibatch-32 training against TorchSharp, all on one thread.
/// </summary>
public class CnnBenchmarks : IDisposable
{
    private const string Inference = "C1 inference, 1 sample";
    private const string Training = "C1 training, minibatch 32";
    private const int DataSeed = 104;

    // Float sums in a different order: outputs agree to about 1e-6.
    private const double Tolerance = 1e-4;

    private C1LeNetClassifier network = null!;
    private TorchSharpCnn torch = null!;
    private OnnxRuntimeNetwork onnxRuntime = null!;
    private BenchmarkData data = null!;
    private float[] output = null!;

    /// <summary>Checks that the three implementations agree and that GenNN's benchmarked calls allocate nothing.</summary>
    public static IEnumerable<string> Validate()
    {
        using var benchmarks = new CnnBenchmarks();
        benchmarks.SetUp();
        var lines = new List<string>();
        var genNN = new float[C1LeNetClassifier.OutputSize];
        var torchOutput = new float[C1LeNetClassifier.OutputSize];
        var onnxOutput = new float[C1LeNetClassifier.OutputSize];
        benchmarks.network.Forward(benchmarks.data.Sample, genNN);
        benchmarks.torch.Infer(benchmarks.data.Sample, torchOutput, batchSize: 1);
        benchmarks.onnxRuntime.Infer(benchmarks.data.Sample, onnxOutput);
        lines.Add(Agreement("C1 inference, TorchSharp", genNN, torchOutput));
        lines.Add(Agreement("C1 inference, ONNX Runtime", genNN, onnxOutput));

        BenchmarkData.Minibatch minibatch = benchmarks.data.Minibatches[0];
        float[] before = benchmarks.network.Parameters.ToArray();
        double genNNLoss = benchmarks.network.TrainBatch(minibatch.Inputs, minibatch.Targets, BenchmarkData.LearningRate);
        double torchLoss = benchmarks.torch.TrainBatch(minibatch.Inputs, minibatch.ClassIndices, BenchmarkData.MinibatchSize);
        List<Comparison> step = EquivalenceCheck.CompareStep(
            C1LeNetClassifier.Description,
            "TorchSharp",
            genNNLoss,
            EquivalenceCheck.Update(benchmarks.network.Parameters, before),
            torchLoss,
            EquivalenceCheck.Update(benchmarks.torch.ReadParameters(), before)).ToList();
        if (step.FirstOrDefault(comparison => !comparison.Passed) is Comparison failed)
        {
            throw new InvalidOperationException(failed.ToString());
        }

        lines.AddRange(step.Select(comparison => comparison.ToString()));
        lines.AddRange(AllocationCheck.Verify(new C1LeNetClassifier(), benchmarks.data));
        return lines;
    }

    [GlobalSetup]
    public void SetUp()
    {
        TorchSharpRuntime.UseOneThread();
        network = new C1LeNetClassifier();
        data = new BenchmarkData(C1LeNetClassifier.Description, DataSeed);
        torch = new TorchSharpCnn(network, BenchmarkData.LearningRate);
        using var model = new MemoryStream();
        OnnxExporter.Write(network, model);
        onnxRuntime = new OnnxRuntimeNetwork(model.ToArray(), C1LeNetClassifier.InputSize, C1LeNetClassifier.OutputSize, batchSize: 1);
        output = new float[C1LeNetClassifier.OutputSize];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        torch?.Dispose();
        onnxRuntime?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(Inference)]
    public void InferGenNN() => network.Forward(data.Sample, output);

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(Inference)]
    public void InferTorchSharp() => torch.Infer(data.Sample, output, batchSize: 1);

    [Benchmark(Description = "ONNX Runtime")]
    [BenchmarkCategory(Inference)]
    public void InferOnnxRuntime() => onnxRuntime.Infer(data.Sample, output);

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
        return torch.TrainBatch(minibatch.Inputs, minibatch.ClassIndices, BenchmarkData.MinibatchSize);
    }

    private static string Agreement(string what, float[] expected, float[] actual)
    {
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a) / Math.Max(1, Math.Abs(e))).Max();
        if (worst > Tolerance)
        {
            throw new InvalidOperationException($"{what}: GenNN and the peer differ by {worst:E2}, more than {Tolerance:E0}.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{what}: max relative difference {worst:E2}");
    }
}
