using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNN.Benchmarks.Networks;
using GenNN.Benchmarks.Peers;
using GenNN.Benchmarks.Reporting;

namespace GenNN.Benchmarks.Benchmarks;

/// <summary>
/// Recurrent networks: N4 (LSTM 1 → 16, dense 16 → 1) and N5 (the same with a GRU) streamed one frame per call, as
/// real-time users run them, against TorchSharp (1 thread) carrying the state between calls, and RTNeural's N4 printed
/// by the same run (<c>Program</c> runs its reference benchmark); R1 (an LSTM of 32 units over 50 steps) trained on
/// minibatches of 32 sequences against TorchSharp.
/// </summary>
public class RecurrentBenchmarks : IDisposable
{
    private const string LstmStep = "N4 LSTM 1→16 step";
    private const string GruStep = "N5 GRU 1→16 step";
    private const string Training = "R1 LSTM 32×50 training, minibatch 32";
    private const int Frames = 64;

    private N4LstmStreamer lstm = null!;
    private N5GruStreamer gru = null!;
    private R1SequenceRegressor regressor = null!;
    private N4LstmStreamer.State lstmState;
    private N5GruStreamer.State gruState;
    private TorchSharpRecurrent torchLstm = null!;
    private TorchSharpRecurrent torchGru = null!;
    private TorchSharpRecurrent torchRegressor = null!;
    private float[][] frames = null!;
    private float[] output = null!;
    private float[] sequences = null!;
    private float[] targets = null!;
    private int nextFrame;

    /// <summary>Checks that streaming GenNN and TorchSharp agree, and that one training step agrees.</summary>
    public static IEnumerable<string> Validate()
    {
        using var benchmarks = new RecurrentBenchmarks();
        benchmarks.SetUp();
        var genNN = new float[1];
        var torch = new float[1];
        double worst = 0;
        for (int frame = 0; frame < Frames; frame++)
        {
            benchmarks.lstm.Step(ref benchmarks.lstmState, benchmarks.frames[frame], genNN);
            benchmarks.torchLstm.Step(benchmarks.frames[frame], torch);
            worst = Math.Max(worst, Math.Abs(genNN[0] - torch[0]));
            benchmarks.gru.Step(ref benchmarks.gruState, benchmarks.frames[frame], genNN);
            benchmarks.torchGru.Step(benchmarks.frames[frame], torch);
            worst = Math.Max(worst, Math.Abs(genNN[0] - torch[0]));
        }

        float genNNLoss = benchmarks.regressor.TrainBatch(benchmarks.sequences, benchmarks.targets, BenchmarkData.LearningRate);
        float torchLoss = benchmarks.torchRegressor.TrainBatch(benchmarks.sequences, benchmarks.targets, BenchmarkData.MinibatchSize);
        double lossDifference = Math.Abs(genNNLoss - torchLoss) / Math.Max(1, Math.Abs(torchLoss));
        if (worst > 1e-5 || lossDifference > 1e-5)
        {
            throw new InvalidOperationException($"Recurrent peers disagree: streaming by {worst:E2}, training loss by {lossDifference:E2}.");
        }

        return new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"N4/N5 streaming, {Frames} frames, TorchSharp: max difference {worst:E2}"),
            string.Create(CultureInfo.InvariantCulture, $"R1 training loss, TorchSharp: relative difference {lossDifference:E2}"),
        };
    }

    [GlobalSetup]
    public void SetUp()
    {
        TorchSharpRuntime.UseOneThread();
        lstm = new N4LstmStreamer();
        gru = new N5GruStreamer();
        regressor = new R1SequenceRegressor();
        torchLstm = new TorchSharpRecurrent(lstm, BenchmarkData.LearningRate);
        torchGru = new TorchSharpRecurrent(gru, BenchmarkData.LearningRate);
        torchRegressor = new TorchSharpRecurrent(regressor, BenchmarkData.LearningRate);
        var random = new Random(105);
        frames = Enumerable.Range(0, Frames).Select(_ => new[] { (float)((2 * random.NextDouble()) - 1) }).ToArray();
        output = new float[1];
        sequences = Enumerable.Range(0, BenchmarkData.MinibatchSize * R1SequenceRegressor.InputSize).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray();
        targets = Enumerable.Range(0, BenchmarkData.MinibatchSize).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        torchLstm?.Dispose();
        torchGru?.Dispose();
        torchRegressor?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(LstmStep)]
    public void StepLstmGenNN() => lstm.Step(ref lstmState, NextFrame(), output);

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(LstmStep)]
    public void StepLstmTorchSharp() => torchLstm.Step(NextFrame(), output);

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(GruStep)]
    public void StepGruGenNN() => gru.Step(ref gruState, NextFrame(), output);

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(GruStep)]
    public void StepGruTorchSharp() => torchGru.Step(NextFrame(), output);

    [Benchmark(Baseline = true, Description = "GenNN")]
    [BenchmarkCategory(Training)]
    [SamplesPerCall(BenchmarkData.MinibatchSize)]
    public float TrainGenNN() => regressor.TrainBatch(sequences, targets, BenchmarkData.LearningRate);

    [Benchmark(Description = "TorchSharp")]
    [BenchmarkCategory(Training)]
    [SamplesPerCall(BenchmarkData.MinibatchSize)]
    public float TrainTorchSharp() => torchRegressor.TrainBatch(sequences, targets, BenchmarkData.MinibatchSize);

    private float[] NextFrame()
    {
        nextFrame = nextFrame == Frames - 1 ? 0 : nextFrame + 1;
        return frames[nextFrame];
    }
}
