using System.Linq;
using System;
using GenNN.IntegrationTests.GradientCheck;
using GenNN.Tests;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// BatchNorm's training-mode gradient depends on every sample of the block, so it is checked on a whole batch: the
/// summed loss of <c>AccumulateGradients</c> (training mode, running statistics left alone) against central finite
/// differences of that same loss, parameter by parameter.
/// </summary>
public sealed class BatchNormGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(32)]
    public void Batch_gradient_matches_finite_differences(int batchSize)
    {
        var network = new BatchNormNet(71);
        var random = new SeededRandom(batchSize);
        GradientChecker.Perturb(network, ref random);
        double[] inputs = new double[batchSize * BatchNormNet.InputSize];
        double[] targets = new double[batchSize * BatchNormNet.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextDouble(-1, 1);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.NextDouble(-1, 1);
        }

        double[] analytic = new double[BatchNormNet.ParameterCount];
        Loss(network, inputs, targets, analytic);
        double[] unused = new double[BatchNormNet.ParameterCount];
        Span<double> parameters = network.Parameters;
        double worst = 0;
        for (int p = 0; p < parameters.Length; p++)
        {
            double saved = parameters[p];
            parameters[p] = saved + GradientChecker.Step;
            double plus = Loss(network, inputs, targets, unused);
            parameters[p] = saved - GradientChecker.Step;
            double minus = Loss(network, inputs, targets, unused);
            parameters[p] = saved;
            double numeric = (plus - minus) / (2 * GradientChecker.Step);
            worst = Math.Max(worst, Math.Abs(analytic[p] - numeric) / Math.Max(1.0, Math.Abs(analytic[p]) + Math.Abs(numeric)));
        }

        Assert.True(worst < GradientChecker.Tolerance, $"batch of {batchSize}: gradient error {worst:E2}");
    }

    [Fact]
    public void Empty_statistics_leave_the_running_statistics_alone_and_training_counts_the_batch()
    {
        var network = new BatchNormNet(72);
        double[] before = network.Buffers.ToArray();
        double[] inputs = new double[4 * BatchNormNet.InputSize];
        double[] targets = new double[4 * BatchNormNet.OutputSize];
        var random = new SeededRandom(3);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextDouble(-1, 1);
        }

        Loss(network, inputs, targets, new double[BatchNormNet.ParameterCount]);
        Assert.Equal(before, network.Buffers.ToArray());

        network.TrainBatch(inputs, targets, 0.0);
        Assert.Equal(1.0, network.Layer2NumBatchesTracked[0]);
        Assert.Equal(1.0, network.Layer6NumBatchesTracked[0]);

        // The running statistics' values are compared with PyTorch's in LayerTorchTests.
    }

    [Fact]
    public void A_single_value_per_channel_leaves_that_layer_s_running_statistics_alone()
    {
        // Backward trains on one sample: the image BatchNorm still sees 9 positions per channel, the feature BatchNorm
        // one value per channel, whose variance says nothing.
        var network = new BatchNormNet(73);
        var random = new SeededRandom(8);
        double[] input = new double[BatchNormNet.InputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = random.NextDouble(-1, 1);
        }

        network.Backward(input, new double[BatchNormNet.OutputSize]);
        Assert.Equal(1.0, network.Layer2NumBatchesTracked[0]);
        Assert.Equal(0.0, network.Layer6NumBatchesTracked[0]);
        Assert.Equal(new double[6], network.Layer6RunningMean.ToArray());
        Assert.Equal(Enumerable.Repeat(1.0, 6), network.Layer6RunningVariance.ToArray());
    }

    [Fact]
    public void Statistics_are_each_block_s_so_a_batch_of_BatchBlockSize_is_normalized_as_a_whole()
    {
        // Public so that minibatches can be sized by it, as BatchNorm's documentation says.
        const int block = BatchNormNet.BatchBlockSize;
        Assert.Equal(32, block);
        var network = new BatchNormNet(74);
        var random = new SeededRandom(9);
        double[] inputs = new double[2 * block * BatchNormNet.InputSize];
        double[] targets = new double[2 * block * BatchNormNet.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextDouble(-1, 1);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.NextDouble(-1, 1);
        }

        // Two blocks' worth: each block is normalized by its own statistics, so the batch is the sum of its blocks.
        double[] whole = new double[BatchNormNet.ParameterCount];
        double[] first = new double[BatchNormNet.ParameterCount];
        double[] second = new double[BatchNormNet.ParameterCount];
        double wholeLoss = Loss(network, inputs, targets, whole);
        double firstLoss = Loss(network, Samples(inputs, BatchNormNet.InputSize, 0, block), Samples(targets, BatchNormNet.OutputSize, 0, block), first);
        double secondLoss = Loss(network, Samples(inputs, BatchNormNet.InputSize, block, block), Samples(targets, BatchNormNet.OutputSize, block, block), second);
        Assert.Equal(firstLoss + secondLoss, wholeLoss, 1e-9);
        for (int p = 0; p < whole.Length; p++)
        {
            Assert.Equal(first[p] + second[p], whole[p], 1e-9);
        }

        // One block: normalized as a whole, so it is not the sum of its halves.
        int half = block / 2;
        double halvesLoss = Loss(network, Samples(inputs, BatchNormNet.InputSize, 0, half), Samples(targets, BatchNormNet.OutputSize, 0, half), new double[BatchNormNet.ParameterCount])
            + Loss(network, Samples(inputs, BatchNormNet.InputSize, half, half), Samples(targets, BatchNormNet.OutputSize, half, half), new double[BatchNormNet.ParameterCount]);
        Assert.True(Math.Abs(halvesLoss - firstLoss) > 1e-6, $"a block's loss {firstLoss} equals its halves' {halvesLoss}");
    }

    private static double[] Samples(double[] values, int length, int start, int count) => values.AsSpan(start * length, count * length).ToArray();

    private static double Loss(BatchNormNet network, double[] inputs, double[] targets, double[] gradients)
    {
        Array.Clear(gradients);
        var random = default(SeededRandom);
        return network.AccumulateGradients(inputs, targets, gradients, default, ref random);
    }
}
