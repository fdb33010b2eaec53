using System;
using System.Collections.Generic;
using System.Globalization;
using GenNN.Benchmarks.Networks;

namespace GenNN.Benchmarks.Validation;

/// <summary>
/// Counts the bytes GenNN's benchmarked calls allocate on the calling thread. BenchmarkDotNet's Allocated column
/// counts the whole process (<c>GC.GetTotalAllocatedBytes</c>), so a background thread (tiered compilation, a
/// timer) can show up there as a few bytes per call on long calls; this check isolates GenNN's own calls.
/// </summary>
public static class AllocationCheck
{
    private const int WarmUpCalls = 50;
    private const int MeasuredCalls = 200;

    /// <summary>
    /// Single-sample inference, a batch of <see cref="BenchmarkData.InferenceBatchSize"/> inferences and a minibatch
    /// training step on a fresh network; throws <see cref="InvalidOperationException"/> if any allocates.
    /// </summary>
    public static IReadOnlyList<string> Verify(ITrainableNetwork<float> network, BenchmarkData data)
    {
        string name = network.Description.Name;
        var output = new float[network.OutputSize];
        var batchOutputs = new float[BenchmarkData.InferenceBatchSize * network.OutputSize];
        BenchmarkData.Minibatch minibatch = data.Minibatches[0];
        var results = new List<string>
        {
            Measure($"{name} inference, 1 sample", () => network.Forward(data.Sample, output)),
            Measure($"{name} inference, batch {BenchmarkData.InferenceBatchSize}", () => network.ForwardBatch(data.InferenceBatch, batchOutputs)),
            Measure($"{name} training, minibatch {BenchmarkData.MinibatchSize}", () => network.TrainBatch(minibatch.Inputs, minibatch.Targets, BenchmarkData.LearningRate)),
        };
        return results;
    }

    private static string Measure(string what, Action call)
    {
        for (int i = 0; i < WarmUpCalls; i++)
        {
            call();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < MeasuredCalls; i++)
        {
            call();
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        string result = string.Create(CultureInfo.InvariantCulture, $"{what}: {bytes} B allocated on the calling thread in {MeasuredCalls} calls");
        return bytes == 0 ? "ok   " + result : throw new InvalidOperationException("GenNN allocated: " + result);
    }
}
