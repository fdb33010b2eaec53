using System;
using System.Collections.Generic;
using GenNN.IntegrationTests.Dropout;
using GenNN.IntegrationTests.GradientCheck;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary><c>ForwardBatch</c> (blocks of samples through the batch kernels) gives what <c>Forward</c> gives per sample.</summary>
public sealed class BatchInferenceTests
{
    private const int Samples = 70; // more than two blocks, the last one partial, and not a multiple of four

    public static IEnumerable<object[]> DoubleNetworks() => new[]
    {
        new object[] { new MseSoftmax(1) },
        new object[] { new BceLeakyReLU(2) },
        new object[] { new WideMse(3) },
        new object[] { new WideCrossEntropy(4) },
        new object[] { new DropoutNet(5) },
    };

    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void ForwardBatch_equals_Forward_per_sample(INetwork<double> network)
    {
        var random = new SeededRandom(network.InputSize);
        var inputs = new double[Samples * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextDouble(-2, 2);
        }

        var batched = new double[Samples * network.OutputSize];
        network.ForwardBatch(inputs, batched);
        var single = new double[network.OutputSize];
        for (int s = 0; s < Samples; s++)
        {
            network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), single);
            for (int k = 0; k < single.Length; k++)
            {
                Assert.Equal(single[k], batched[(s * network.OutputSize) + k], 1e-12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void EvaluateBatch_equals_Forward_and_ComputeLoss_per_sample(INetwork<double> network)
    {
        var trainable = (ITrainableNetwork<double>)network;
        var random = new SeededRandom(network.OutputSize);
        var inputs = new double[Samples * network.InputSize];
        var targets = new double[Samples * network.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextDouble(-2, 2);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.NextDouble(0, 1.0 / network.OutputSize);
        }

        var outputs = new double[Samples * network.OutputSize];
        double loss = trainable.EvaluateBatch(inputs, targets, outputs);
        double expectedLoss = 0;
        var single = new double[network.OutputSize];
        for (int s = 0; s < Samples; s++)
        {
            ReadOnlySpan<double> input = inputs.AsSpan(s * network.InputSize, network.InputSize);
            network.Forward(input, single);
            expectedLoss += trainable.ComputeLoss(input, targets.AsSpan(s * network.OutputSize, network.OutputSize));
            for (int k = 0; k < single.Length; k++)
            {
                Assert.Equal(single[k], outputs[(s * network.OutputSize) + k], 1e-12);
            }
        }

        Assert.Equal(expectedLoss, loss, 1e-9);
    }

    [Fact]
    public void ForwardBatch_in_float_matches_and_allocates_nothing()
    {
        var network = new WideClassifier(6);
        var inputs = new float[Samples * WideClassifier.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = MathF.Sin(i * 0.37f);
        }

        var batched = new float[Samples * WideClassifier.OutputSize];
        var single = new float[WideClassifier.OutputSize];
        network.ForwardBatch(inputs, batched);
        for (int s = 0; s < Samples; s++)
        {
            network.Forward(inputs.AsSpan(s * WideClassifier.InputSize, WideClassifier.InputSize), single);
            for (int k = 0; k < single.Length; k++)
            {
                Assert.Equal(single[k], batched[(s * WideClassifier.OutputSize) + k], 1e-5f);
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            network.ForwardBatch(inputs, batched);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ForwardBatch_rejects_mismatched_spans()
    {
        var network = new XorNet();
        var error = Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[6], new float[2]));
        Assert.Equal("outputs", error.ParamName);
        Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[5], new float[2]));
    }
}
