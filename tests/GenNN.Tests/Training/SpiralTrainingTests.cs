using System.Collections.Generic;
using GenNN.Training;
using Xunit;
using Xunit.Abstractions;

namespace GenNN.Tests.Training;

/// <summary>Every optimizer, through the fit loop, learns the two spirals to at least 99 % on points it never saw.</summary>
public sealed class SpiralTrainingTests
{
    private const int Epochs = 30;

    private static readonly TwoSpirals Train = TwoSpirals.Generate(1000, seed: 1);
    private static readonly TwoSpirals Test = TwoSpirals.Generate(500, seed: 2);

    private readonly ITestOutputHelper _output;

    public SpiralTrainingTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Optimizers => new(Configurations.Keys);

    private static Dictionary<string, OptimizerOptions> Configurations { get; } = new()
    {
        ["SGD"] = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.3 },
        ["SGD Nesterov"] = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.1, Momentum = 0.9, Nesterov = true },
        ["Adam"] = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.01 },
        ["AdamW"] = OptimizerOptions.For(OptimizerKind.AdamW) with { LearningRate = 0.01 },
        ["RMSprop"] = OptimizerOptions.For(OptimizerKind.RMSprop) with { LearningRate = 0.003 },
        ["RMSprop centered momentum"] = OptimizerOptions.For(OptimizerKind.RMSprop) with { LearningRate = 0.001, Momentum = 0.9, Centered = true },
        ["Adagrad"] = OptimizerOptions.For(OptimizerKind.Adagrad) with { LearningRate = 0.1 },
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Reaches_99_percent_on_held_out_points(string optimizer)
    {
        var network = new SpiralClassifier();
        var options = new FitOptions
        {
            Epochs = Epochs,
            BatchSize = 16,
            Seed = 1,
            Optimizer = Configurations[optimizer],
            Schedule = new CosineAnnealingSchedule(Epochs),
            Metrics = [Metric.Accuracy],
        };

        TrainingHistory history = network.Fit(Train.Inputs, Train.Targets, Test.Inputs, Test.Targets, options);

        double accuracy = history.Last["val_accuracy"];
        _output.WriteLine($"{optimizer}: held-out accuracy {accuracy:P2}, training accuracy {history.Last["accuracy"]:P2}, loss {history.Last.Loss:G4}");
        Assert.True(accuracy >= 0.99, $"{optimizer}: {accuracy:P2}");
    }
}
