using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GenNN.Serialization;
using GenNN.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;
using OptimizerOptions = GenNN.Training.OptimizerOptions;
using PyBridge = TorchSharp.PyBridge.PyBridgeModuleExtensions;

namespace GenNN.Tests.Training;

/// <summary>
/// Whole fits against the PyTorch loop a user would write: the same initial weights (through safetensors), the same
/// sample order (Fit's documented seeded shuffle), a minibatch's mean loss, <c>backward</c>, clipping, <c>step</c>,
/// and the schedule stepped once an epoch. The optimizers, schedules and layers are each compared step by step
/// elsewhere; this checks how Fit puts them together: which rate each epoch trains with, what the epoch's
/// <c>loss</c> is (a partial last batch counts by its size), when the schedule reads its metric, and BatchNorm's
/// running statistics across batches. Double precision: the two agree to a few ulps (measured 4.4e-16 at most).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FitTorchParityTests : IDisposable
{
    private const double Agreement = 1e-14;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Loops => new()
    {
        "SGD, Nesterov momentum, weight decay, StepLR",
        "Adam, cosine annealing run past T_max, norm clipping",
        "AdamW, linear warmup then cosine",
        "RMSprop centered with momentum, ReduceLROnPlateau on loss, value clipping",
        "Adagrad with lr_decay, StepLR",
        "SGD on a batch cut into two chunks",
    };

    [Theory]
    [MemberData(nameof(Loops))]
    public void A_fit_trains_as_the_PyTorch_loop_does(string loop)
    {
        TorchLoop torchLoop = loop switch
        {
            "SGD, Nesterov momentum, weight decay, StepLR" => new TorchLoop(
                Options(epochs: 6, batch: 16, OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.05, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-3 }) with { Schedule = new StepSchedule(2, 0.5) },
                p => optim.SGD(p, 0.05, momentum: 0.9, weight_decay: 1e-3, nesterov: true),
                o => optim.lr_scheduler.StepLR(o, 2, 0.5)),
            "Adam, cosine annealing run past T_max, norm clipping" => new TorchLoop(
                Options(epochs: 6, batch: 16, OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.01 }) with { Schedule = new CosineAnnealingSchedule(4, 1e-4), Clipping = GradientClipping.ByNorm(0.3) },
                p => optim.Adam(p, 0.01),
                o => optim.lr_scheduler.CosineAnnealingLR(o, 4, 1e-4)),
            "AdamW, linear warmup then cosine" => new TorchLoop(
                Options(epochs: 6, batch: 20, OptimizerOptions.For(OptimizerKind.AdamW) with { LearningRate = 0.01, WeightDecay = 0.1 }) with { Schedule = LearningRateSchedule.LinearWarmup(2, 0.1, new CosineAnnealingSchedule(4)) },
                p => optim.AdamW(p, 0.01, weight_decay: 0.1),
                o => optim.lr_scheduler.SequentialLR(o, [optim.lr_scheduler.LinearLR(o, 0.1, 1.0, 2), optim.lr_scheduler.CosineAnnealingLR(o, 4)], [2])),
            "RMSprop centered with momentum, ReduceLROnPlateau on loss, value clipping" => new TorchLoop(
                Options(epochs: 8, batch: 16, OptimizerOptions.For(OptimizerKind.RMSprop) with { LearningRate = 0.005, Centered = true, Momentum = 0.5 }) with
                {
                    Schedule = new ReduceOnPlateauSchedule("loss", factor: 0.5, patience: 0, threshold: 0.2),
                    Clipping = GradientClipping.ByValue(0.05),
                },
                p => optim.RMSProp(p, 0.005, momentum: 0.5, centered: true),
                o => optim.lr_scheduler.ReduceLROnPlateau(o, "min", 0.5, 0, 0.2)),
            "Adagrad with lr_decay, StepLR" => new TorchLoop(
                Options(epochs: 5, batch: 16, OptimizerOptions.For(OptimizerKind.Adagrad) with { LearningRate = 0.1, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1 }) with { Schedule = new StepSchedule(1, 0.8) },
                p => optim.Adagrad(p, 0.1, lr_decay: 0.01, initial_accumulator_value: 0.1),
                o => optim.lr_scheduler.StepLR(o, 1, 0.8)),
            _ => new TorchLoop(
                Options(epochs: 4, batch: 40, OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.1 }),
                p => optim.SGD(p, 0.1),
                null),
        };

        // 100 samples in batches of 16 or 20 (16 leaves a last batch of 4); the chunked case cuts 40 into 2 × 20.
        AssertSameFit(() => new ParityMlp(), () => nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 12), nn.ReLU(), nn.Linear(12, 3)), [6], 100, torchLoop.Options, torchLoop.Optimizer, torchLoop.Schedule);
    }

    /// <summary>
    /// BatchNorm over channels and over features, with a last batch of 6: the running statistics and the batch counts
    /// follow PyTorch's when each minibatch is one chunk of one block (a batch of 32 with <c>ChunksPerBatch = 1</c>,
    /// docs/training.md's recipe); cut into Fit's default chunks of 16 they follow
    /// PyTorch's DistributedDataParallel with a replica per chunk (rank 0's statistics kept, gradients weighted by
    /// chunk size), as docs/layers.md says.
    /// </summary>
    [Theory]
    [InlineData(16, 1)]
    [InlineData(32, 1)]
    [InlineData(32, 8)]
    public void BatchNorm_trains_as_PyTorch_does_one_replica_per_chunk(int batch, int chunksPerBatch)
    {
        FitOptions options = Options(epochs: 3, batch, OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.05, Momentum = 0.9 }) with { ChunksPerBatch = chunksPerBatch };

        AssertSameFit(
            () => new ParityCnn(),
            () => nn.Sequential(
                nn.Conv2d(2, 4, 3, padding: 1), nn.BatchNorm2d(4, momentum: 0.2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                nn.Linear(36, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3)),
            [2, 6, 6],
            70,
            options,
            p => optim.SGD(p, 0.05, momentum: 0.9),
            null);
    }

    /// <summary>A fit's options and the PyTorch optimizer and schedule that match them.</summary>
    private sealed record TorchLoop(FitOptions Options, Func<IEnumerable<Parameter>, optim.Optimizer> Optimizer, Func<optim.Optimizer, optim.lr_scheduler.LRScheduler>? Schedule);

    private static FitOptions Options(int epochs, int batch, OptimizerOptions optimizer)
        => new() { Epochs = epochs, BatchSize = batch, Seed = 3, Optimizer = optimizer };

    private void AssertSameFit(
        Func<ITrainableNetwork<double>> create,
        Func<nn.Module<Tensor, Tensor>> torchModel,
        long[] inputShape,
        int samples,
        FitOptions options,
        Func<IEnumerable<Parameter>, optim.Optimizer> torchOptimizer,
        Func<optim.Optimizer, optim.lr_scheduler.LRScheduler>? torchSchedule)
    {
        ITrainableNetwork<double> network = create();
        (double[] inputs, double[] targets) = Data(samples, network.InputSize, network.OutputSize, network.Description.Loss == LossFunction.CrossEntropy);
        string initial = _folder.File("initial.safetensors");
        Safetensors.Export(network, initial);
        using DisposeScope scope = NewDisposeScope();
        nn.Module<Tensor, Tensor> model = torchModel().to(ScalarType.Float64);
        PyBridge.load_safetensors(model, initial, strict: true);
        optim.Optimizer optimizer = torchOptimizer(model.parameters());
        (double[] torchLosses, double[] torchRates) = TorchFit(model, optimizer, torchSchedule?.Invoke(optimizer), options, network.Description.Loss!.Value, inputs, targets, inputShape);

        TrainingHistory history = network.Fit(inputs, targets, options);

        string trained = _folder.File("trained.safetensors");
        PyBridge.save_safetensors(model, trained);
        ITrainableNetwork<double> torchTrained = create();
        Safetensors.Import(torchTrained, trained);
        Assert.Equal(torchRates, history.Epochs.Select(epoch => epoch.LearningRate).ToArray(), (a, b) => Math.Abs(a - b) <= Agreement * Math.Abs(b));
        AssertClose(torchLosses, history["loss"].ToArray());
        AssertClose(torchTrained.Parameters.ToArray(), network.Parameters.ToArray());
        AssertClose(torchTrained.Buffers.ToArray(), network.Buffers.ToArray());
    }

    /// <summary>
    /// The PyTorch loop: Fit's shuffle, each minibatch cut as Fit cuts it (one replica per chunk, each backward
    /// scaled by its share of the batch, rank 0's buffers kept), the clipping, the step, and the schedule once an
    /// epoch on the epoch's mean loss per sample. Returns each epoch's mean loss and learning rate.
    /// </summary>
    private static (double[] Losses, double[] Rates) TorchFit(
        nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, optim.lr_scheduler.LRScheduler? schedule, FitOptions options, LossFunction loss, double[] inputs, double[] targets, long[] inputShape)
    {
        int inputSize = (int)inputShape.Aggregate(1L, (a, b) => a * b);
        int outputSize = targets.Length / (inputs.Length / inputSize);
        int samples = inputs.Length / inputSize;
        int[] order = Enumerable.Range(0, samples).ToArray();
        var random = new SeededRandom(options.Seed);
        var losses = new List<double>();
        var rates = new List<double>();
        model.train();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order.AsSpan());
            rates.Add(optimizer.ParamGroups.First().LearningRate);
            double sum = 0;
            for (int start = 0; start < samples; start += options.BatchSize)
            {
                int size = Math.Min(options.BatchSize, samples - start);
                using DisposeScope batchScope = NewDisposeScope();
                Tensor x = tensor(order.Skip(start).Take(size).SelectMany(s => inputs.Skip(s * inputSize).Take(inputSize)).ToArray()).reshape([(long)size, .. inputShape]);
                Tensor y = tensor(order.Skip(start).Take(size).SelectMany(s => targets.Skip(s * outputSize).Take(outputSize)).ToArray()).reshape(size, outputSize);
                optimizer.zero_grad();
                int chunks = Math.Clamp(size / 16, 1, options.ChunksPerBatch);
                Tensor[] rankZeroBuffers = [];
                for (int c = 0; c < chunks; c++)
                {
                    long first = (long)c * size / chunks, end = (long)(c + 1) * size / chunks;
                    Tensor logits = model.call(x.narrow(0, first, end - first));
                    Tensor chunkTargets = y.narrow(0, first, end - first);
                    Tensor chunkLoss = loss == LossFunction.CrossEntropy ? nn.functional.cross_entropy(logits, chunkTargets) : nn.functional.mse_loss(logits, chunkTargets);
                    (chunkLoss * ((double)(end - first) / size)).backward();
                    sum += chunkLoss.item<double>() * (end - first);
                    rankZeroBuffers = c == 0 ? model.buffers().Select(buffer => buffer.clone()).ToArray() : rankZeroBuffers;
                }

                using (no_grad())
                {
                    foreach ((Tensor buffer, Tensor kept) in model.buffers().Zip(rankZeroBuffers))
                    {
                        buffer.copy_(kept);
                    }
                }

                if (options.Clipping?.MaxValue is double value)
                {
                    nn.utils.clip_grad_value_(model.parameters(), value);
                }

                if (options.Clipping?.MaxNorm is double norm)
                {
                    nn.utils.clip_grad_norm_(model.parameters(), norm, options.Clipping.NormType);
                }

                optimizer.step();
            }

            losses.Add(sum / samples);
            if (options.Schedule is ReduceOnPlateauSchedule)
            {
                schedule!.step(sum / samples);
            }
            else
            {
                schedule?.step();
            }
        }

        return (losses.ToArray(), rates.ToArray());
    }

    /// <summary>Inputs in [−1, 1] and targets a smooth function of them with noise (class probabilities for cross-entropy).</summary>
    private static (double[] Inputs, double[] Targets) Data(int samples, int inputSize, int outputSize, bool probabilities)
    {
        var random = new SeededRandom(11);
        double[] inputs = Enumerable.Range(0, samples * inputSize).Select(_ => random.NextDouble(-1, 1)).ToArray();
        double[] targets = new double[samples * outputSize];
        for (int s = 0; s < samples; s++)
        {
            double a = inputs[s * inputSize], b = inputs[(s * inputSize) + 1], c = inputs[(s * inputSize) + inputSize - 1];
            double[] row = Enumerable.Range(0, outputSize).Select(k => Math.Sin((k + 1) * a) + (b * c * (k - 1)) + (0.1 * random.NextGaussian())).ToArray();
            if (probabilities)
            {
                double[] e = row.Select(v => Math.Exp(2 * v)).ToArray();
                row = e.Select(v => v / e.Sum()).ToArray();
            }

            row.CopyTo(targets, s * outputSize);
        }

        return (inputs, targets);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Length == 0 ? 1 : Math.Max(1, expected.Max(Math.Abs));
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).DefaultIfEmpty(0).Max();
        Assert.True(worst <= Agreement * scale, $"differs by {worst:E2} (scale {scale:G3}), beyond {Agreement:E0}");
    }
}

/// <summary>The fit-parity MLP, in double so that the comparison sees the loop's order of operations, not float rounding.</summary>
[Network(Precision.Double, Seed = 11)]
[Input(6)]
[Dense(16, Activation.Tanh)]
[Dense(12, Activation.ReLU)]
[Dense(3)]
[Loss(LossFunction.MeanSquaredError)]
public partial class ParityMlp { }

/// <summary>The fit-parity CNN: BatchNorm over channels (momentum 0.2) and over features (PyTorch's default 0.1).</summary>
[Network(Precision.Double, Seed = 14)]
[Input(2, 6, 6)]
[Conv2D(4, 3, PaddingSize = 1)]
[BatchNorm(Momentum = 0.2)]
[Activation(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(8)]
[BatchNorm]
[Activation(Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ParityCnn { }
