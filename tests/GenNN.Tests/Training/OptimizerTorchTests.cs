using System;
using System.Collections.Generic;
using System.Linq;
using GenNN.Training;
using TorchSharp;
using TorchSharp.Modules;
using OptimizerOptions = GenNN.Training.OptimizerOptions;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GenNN.Tests.Training;

/// <summary>
/// Every optimizer, in every variant, against TorchSharp's <c>torch.optim</c> on the same gradients: ten steps on
/// 37 parameters, compared after each step. The tolerances match the agreement observed, so that a formula that is
/// only slightly off still fails: in double the trajectories agree to 1e-15 (tolerance 1e-12), in float to a few
/// units in the last place (tolerance 1e-6 relative), both relative to the largest parameter.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class OptimizerTorchTests
{
    private const int ParameterCount = 37;
    private const int Steps = 10;
    private const double DoubleTolerance = 1e-12;
    private const double FloatTolerance = 1e-6;

    private readonly ITestOutputHelper _output;

    public OptimizerTorchTests(ITestOutputHelper output) => _output = output;

    /// <summary>The configurations: a name, our options, and the same optimizer built in TorchSharp.</summary>
    public static TheoryData<string> Configurations => new(Cases.Keys);

    private static Dictionary<string, (OptimizerOptions Options, Func<IEnumerable<Parameter>, optim.Optimizer> Torch)> Cases { get; } = new()
    {
        ["SGD"] = (Sgd(0.1), p => optim.SGD(p, 0.1)),
        ["SGD weight decay"] = (Sgd(0.1) with { WeightDecay = 0.05 }, p => optim.SGD(p, 0.1, weight_decay: 0.05)),
        ["SGD momentum"] = (Sgd(0.05) with { Momentum = 0.9 }, p => optim.SGD(p, 0.05, momentum: 0.9)),
        ["SGD momentum dampening"] = (Sgd(0.05) with { Momentum = 0.8, Dampening = 0.3 }, p => optim.SGD(p, 0.05, momentum: 0.8, dampening: 0.3)),
        ["SGD Nesterov weight decay"] = (Sgd(0.05) with { Momentum = 0.9, Nesterov = true, WeightDecay = 0.01 }, p => optim.SGD(p, 0.05, momentum: 0.9, weight_decay: 0.01, nesterov: true)),
        ["Adam"] = (Of(OptimizerKind.Adam) with { LearningRate = 0.01 }, p => optim.Adam(p, 0.01)),
        ["Adam betas eps weight decay"] = (Of(OptimizerKind.Adam) with { LearningRate = 0.02, Beta1 = 0.8, Beta2 = 0.95, Epsilon = 1e-6, WeightDecay = 0.1 }, p => optim.Adam(p, 0.02, 0.8, 0.95, 1e-6, weight_decay: 0.1)),
        ["Adam amsgrad"] = (Of(OptimizerKind.Adam) with { LearningRate = 0.01, Amsgrad = true }, p => optim.Adam(p, 0.01, amsgrad: true)),
        ["AdamW"] = (Of(OptimizerKind.AdamW) with { LearningRate = 0.01 }, p => optim.AdamW(p, 0.01, weight_decay: 0.01)),
        ["AdamW strong decay amsgrad"] = (Of(OptimizerKind.AdamW) with { LearningRate = 0.05, WeightDecay = 0.5, Amsgrad = true }, p => optim.AdamW(p, 0.05, weight_decay: 0.5, amsgrad: true)),
        ["RMSprop"] = (Of(OptimizerKind.RMSprop), p => optim.RMSProp(p, 0.01)),
        ["RMSprop momentum"] = (Of(OptimizerKind.RMSprop) with { Momentum = 0.9, Alpha = 0.9 }, p => optim.RMSProp(p, 0.01, alpha: 0.9, momentum: 0.9)),
        ["RMSprop centered"] = (Of(OptimizerKind.RMSprop) with { Centered = true }, p => optim.RMSProp(p, 0.01, centered: true)),
        ["RMSprop centered momentum weight decay"] = (Of(OptimizerKind.RMSprop) with { Centered = true, Momentum = 0.5, WeightDecay = 0.1, Epsilon = 1e-4 }, p => optim.RMSProp(p, 0.01, eps: 1e-4, weight_decay: 0.1, momentum: 0.5, centered: true)),
        ["Adagrad"] = (Of(OptimizerKind.Adagrad), p => optim.Adagrad(p, 0.01)),
        ["Adagrad lr_decay accumulator weight decay"] = (Of(OptimizerKind.Adagrad) with { LearningRate = 0.1, LearningRateDecay = 0.05, InitialAccumulatorValue = 0.3, WeightDecay = 0.02 }, p => optim.Adagrad(p, 0.1, lr_decay: 0.05, weight_decay: 0.02, initial_accumulator_value: 0.3)),
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Ten_steps_match_torch_optim_in_double(string configuration)
    {
        (OptimizerOptions options, Func<IEnumerable<Parameter>, optim.Optimizer> createTorch) = Cases[configuration];
        (double[] initial, double[][] gradients) = Problem(seed: configuration.Length);

        double[] ours = (double[])initial.Clone();
        Optimizer<double> optimizer = Optimizer<double>.Create(options, ParameterCount);
        List<double[]> torchTrajectory = TorchTrajectory(initial, gradients, createTorch, learningRates: null);

        double maxDifference = 0;
        for (int step = 0; step < Steps; step++)
        {
            optimizer.Step(ours, gradients[step]);
            maxDifference = Math.Max(maxDifference, MaxRelativeDifference(ours, torchTrajectory[step]));
        }

        _output.WriteLine($"{configuration}: max |ours − torch| / max|torch| over {Steps} steps = {maxDifference:E2}");
        Assert.True(maxDifference <= DoubleTolerance, $"{configuration}: relative difference {maxDifference:E3}");
        Assert.Equal(Steps, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Ten_steps_match_torch_optim_in_float(string configuration)
    {
        (OptimizerOptions options, Func<IEnumerable<Parameter>, optim.Optimizer> createTorch) = Cases[configuration];
        (double[] initial, double[][] gradients) = Problem(seed: configuration.Length);

        float[] ours = initial.Select(value => (float)value).ToArray();
        Optimizer<float> optimizer = Optimizer<float>.Create(options, ParameterCount);
        List<double[]> torchTrajectory = TorchTrajectory(initial, gradients, createTorch, learningRates: null, ScalarType.Float32);

        double maxDifference = 0;
        for (int step = 0; step < Steps; step++)
        {
            optimizer.Step(ours, gradients[step].Select(value => (float)value).ToArray());
            maxDifference = Math.Max(maxDifference, MaxRelativeDifference(ours.Select(value => (double)value).ToArray(), torchTrajectory[step]));
        }

        _output.WriteLine($"{configuration}: max |ours − torch| / max|torch| over {Steps} steps = {maxDifference:E2}");
        Assert.True(maxDifference <= FloatTolerance, $"{configuration}: relative difference {maxDifference:E3}");
    }

    [Fact]
    public void Scheduled_learning_rates_reach_the_update_as_in_torch()
    {
        // AdamW's decoupled decay uses the current rate; Adagrad's lr_decay divides it: both must see the schedule's value.
        foreach ((OptimizerOptions options, Func<IEnumerable<Parameter>, optim.Optimizer> createTorch) in new[] { Cases["AdamW strong decay amsgrad"], Cases["Adagrad lr_decay accumulator weight decay"], Cases["SGD Nesterov weight decay"] })
        {
            (double[] initial, double[][] gradients) = Problem(seed: 99);
            double[] rates = Enumerable.Range(0, Steps).Select(step => options.LearningRate * Math.Pow(0.7, step / 3)).ToArray();
            List<double[]> torchTrajectory = TorchTrajectory(initial, gradients, createTorch, rates);

            double[] ours = (double[])initial.Clone();
            Optimizer<double> optimizer = Optimizer<double>.Create(options, ParameterCount);
            for (int step = 0; step < Steps; step++)
            {
                optimizer.Step(ours, gradients[step], rates[step]);
                Assert.True(MaxRelativeDifference(ours, torchTrajectory[step]) <= DoubleTolerance, $"{options.Kind}, step {step + 1}");
            }
        }
    }

    private static OptimizerOptions Of(OptimizerKind kind) => OptimizerOptions.For(kind);

    private static OptimizerOptions Sgd(double learningRate) => OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = learningRate };

    /// <summary>Deterministic starting parameters and per-step gradients of mixed scales and signs (including exact zeros).</summary>
    private static (double[] Initial, double[][] Gradients) Problem(int seed)
    {
        var random = new SeededRandom(seed);
        double[] initial = Enumerable.Range(0, ParameterCount).Select(_ => random.NextDouble(-1, 1)).ToArray();
        double[][] gradients = Enumerable.Range(0, Steps)
            .Select(_ => Enumerable.Range(0, ParameterCount).Select(i => i == 5 ? 0 : random.NextGaussian() * (1 + (i % 4))).ToArray())
            .ToArray();
        return (initial, gradients);
    }

    /// <summary>
    /// The parameters after each of torch's steps. The gradient is set by back-propagating <c>Σ θ·g</c>, whose gradient
    /// is exactly g; with <paramref name="learningRates"/> the group's rate is set before each step, as a scheduler does.
    /// </summary>
    private static List<double[]> TorchTrajectory(
        double[] initial,
        double[][] gradients,
        Func<IEnumerable<Parameter>, optim.Optimizer> createOptimizer,
        double[]? learningRates,
        ScalarType type = ScalarType.Float64)
    {
        using var scope = NewDisposeScope();
        var parameter = new Parameter(tensor(initial).to_type(type));
        optim.Optimizer optimizer = createOptimizer([parameter]);
        var trajectory = new List<double[]>();
        for (int step = 0; step < gradients.Length; step++)
        {
            if (learningRates is not null)
            {
                foreach (ParamGroup group in optimizer.ParamGroups)
                {
                    group.LearningRate = learningRates[step];
                }
            }

            optimizer.zero_grad();
            (parameter * tensor(gradients[step]).to_type(type)).sum().backward();
            optimizer.step();
            trajectory.Add(parameter.detach().to_type(ScalarType.Float64).data<double>().ToArray());
        }

        return trajectory;
    }

    /// <summary>The largest difference relative to the largest reference parameter: rounding scales with the parameters' size.</summary>
    private static double MaxRelativeDifference(double[] ours, double[] reference)
        => ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max() / reference.Max(Math.Abs);
}
