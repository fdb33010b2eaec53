using System;
using System.Collections.Generic;
using System.Linq;
using GenNN.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GenNN.Tests.Training;

/// <summary>Each schedule's learning rate, epoch by epoch, against TorchSharp's <c>torch.optim.lr_scheduler</c>.</summary>
[Collection(TorchCollection.Name)]
public sealed class ScheduleTorchTests
{
    private const double BaseRate = 0.1;
    private const int Epochs = 40;

    [Fact]
    public void StepLR() => AssertSameRates(new StepSchedule(7, 0.5), optimizer => optim.lr_scheduler.StepLR(optimizer, 7, 0.5));

    [Fact]
    public void MultiStepLR() => AssertSameRates(new MultiStepSchedule([5, 12, 30], 0.3), optimizer => optim.lr_scheduler.MultiStepLR(optimizer, [5, 12, 30], 0.3));

    [Fact]
    public void ExponentialLR() => AssertSameRates(new ExponentialSchedule(0.93), optimizer => optim.lr_scheduler.ExponentialLR(optimizer, 0.93));

    [Fact]
    public void CosineAnnealingLR_including_past_T_max()
        => AssertSameRates(new CosineAnnealingSchedule(25, 0.001), optimizer => optim.lr_scheduler.CosineAnnealingLR(optimizer, 25, 0.001));

    [Fact]
    public void LinearLR() => AssertSameRates(new LinearSchedule(0.2, 0.9, 8), optimizer => optim.lr_scheduler.LinearLR(optimizer, 0.2, 0.9, 8));

    [Fact]
    public void Linear_warmup_then_cosine_is_SequentialLR()
        => AssertSameRates(
            LearningRateSchedule.LinearWarmup(5, 0.1, new CosineAnnealingSchedule(30)),
            optimizer => optim.lr_scheduler.SequentialLR(
                optimizer,
                [optim.lr_scheduler.LinearLR(optimizer, 0.1, 1.0, 5), optim.lr_scheduler.CosineAnnealingLR(optimizer, 30)],
                [5]));

    [Theory]
    [InlineData("min", "rel", 0)]
    [InlineData("min", "abs", 2)]
    [InlineData("max", "rel", 1)]
    [InlineData("max", "abs", 0)]
    public void ReduceLROnPlateau(string mode, string thresholdMode, int cooldown)
    {
        // A metric that improves, stalls, wobbles within the threshold, improves again and stalls for good.
        double[] metric = Enumerable.Range(0, Epochs).Select(epoch => epoch switch
        {
            < 5 => 1.0 - (0.1 * epoch),
            < 15 => 0.6 + (0.00001 * (epoch % 3)),
            < 20 => 0.6 - (0.05 * (epoch - 14)),
            _ => 0.35,
        }).Select(value => mode == "max" ? 2 - value : value).ToArray();
        var ours = new ReduceOnPlateauSchedule(
            monitor: "val_loss",
            mode: mode == "max" ? MonitorMode.Max : MonitorMode.Min,
            factor: 0.5,
            patience: 2,
            threshold: 0.01,
            thresholdMode: thresholdMode == "abs" ? ThresholdMode.Absolute : ThresholdMode.Relative,
            cooldown: cooldown,
            minimumLearningRate: 0.01);

        AssertSameRates(
            ours,
            optimizer => optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode, 0.5, 2, 0.01, thresholdMode, cooldown, [0.01]),
            metric);
    }

    private static void AssertSameRates(LearningRateSchedule ours, Func<optim.Optimizer, optim.lr_scheduler.LRScheduler> createTorch, double[]? metric = null)
    {
        using var scope = NewDisposeScope();
        var parameter = new Parameter(zeros(3));
        optim.Optimizer optimizer = optim.SGD([parameter], BaseRate);
        optim.lr_scheduler.LRScheduler torchSchedule = createTorch(optimizer);
        ours.Start(BaseRate);
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            double torchRate = optimizer.ParamGroups.First().LearningRate;
            Assert.True(Math.Abs(ours.LearningRate - torchRate) <= 1e-12 * BaseRate, $"epoch {epoch}: ours {ours.LearningRate}, torch {torchRate}");
            Assert.Equal(epoch, ours.Epoch);
            if (metric is null)
            {
                torchSchedule.step();
                ours.Step();
            }
            else
            {
                torchSchedule.step(metric[epoch]);
                ours.Step(metric[epoch]);
            }
        }
    }
}
