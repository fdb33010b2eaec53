using System;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>Generated networks actually learn with their generated SGD steps.</summary>
public sealed class TrainingTests
{
    private static readonly float[] XorInputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    private static readonly float[] XorTargets = { 0, 1, 1, 0 };

    [Fact]
    public void Xor_trains_to_full_accuracy()
    {
        var network = new XorNet();
        for (int epoch = 0; epoch < 2000; epoch++)
        {
            network.TrainBatch(XorInputs, XorTargets, learningRate: 0.5f);
        }

        Span<float> output = stackalloc float[1];
        for (int sample = 0; sample < 4; sample++)
        {
            network.Forward(XorInputs.AsSpan(sample * 2, 2), output);
            Assert.Equal(XorTargets[sample], output[0] > 0.5f ? 1f : 0f);
            Assert.True(Math.Abs(output[0] - XorTargets[sample]) < 0.05f, $"sample {sample}: output {output[0]} is not confidently {XorTargets[sample]}");
        }
    }

    /// <summary>Stated bound: a mean squared error below 1e-3 on a dense grid of [−π, π] (sin has amplitude 1).</summary>
    [Fact]
    public void Sine_regression_trains_below_stated_error()
    {
        const int samples = 256;
        const float maxMeanSquaredError = 1e-3f;
        var inputs = new float[samples];
        var targets = new float[samples];
        for (int i = 0; i < samples; i++)
        {
            inputs[i] = -MathF.PI + (2 * MathF.PI * i / (samples - 1));
            targets[i] = MathF.Sin(inputs[i]);
        }

        var network = new SineNet();
        var order = new int[samples];
        var batchInputs = new float[16];
        var batchTargets = new float[16];
        var random = new SeededRandom(1);
        for (int i = 0; i < samples; i++)
        {
            order[i] = i;
        }

        for (int epoch = 0; epoch < 1500; epoch++)
        {
            random.Shuffle(order.AsSpan());
            for (int start = 0; start < samples; start += 16)
            {
                for (int b = 0; b < 16; b++)
                {
                    batchInputs[b] = inputs[order[start + b]];
                    batchTargets[b] = targets[order[start + b]];
                }

                network.TrainBatch(batchInputs, batchTargets, learningRate: 0.1f);
            }
        }

        float squaredError = 0;
        Span<float> output = stackalloc float[1];
        for (int i = 0; i < samples; i++)
        {
            network.Forward(inputs.AsSpan(i, 1), output);
            squaredError += (output[0] - targets[i]) * (output[0] - targets[i]);
        }

        float meanSquaredError = squaredError / samples;
        Assert.True(meanSquaredError < maxMeanSquaredError, $"MSE {meanSquaredError} is not below {maxMeanSquaredError}");
    }

    [Fact]
    public void TrainStep_equals_Backward_then_ApplyGradients()
    {
        var stepped = new XorNet(9);
        var manual = new XorNet(9);
        float steppedLoss = stepped.TrainStep(XorInputs.AsSpan(2, 2), XorTargets.AsSpan(1, 1), 0.3f);
        float manualLoss = manual.Backward(XorInputs.AsSpan(2, 2), XorTargets.AsSpan(1, 1));
        manual.ApplyGradients(0.3f);
        Assert.Equal(manualLoss, steppedLoss);
        Assert.Equal(manual.Parameters.ToArray(), stepped.Parameters.ToArray());
        Assert.All(stepped.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void TrainBatch_averages_the_batch_gradient()
    {
        var batched = new XorNet(4);
        var manual = new XorNet(4);
        float batchLoss = batched.TrainBatch(XorInputs, XorTargets, 0.2f);
        float lossSum = 0;
        for (int sample = 0; sample < 4; sample++)
        {
            lossSum += manual.Backward(XorInputs.AsSpan(sample * 2, 2), XorTargets.AsSpan(sample, 1));
        }

        manual.ApplyGradients(0.2f / 4);
        Assert.Equal(lossSum / 4, batchLoss, 6);
        float[] expected = manual.Parameters.ToArray();
        float[] actual = batched.Parameters.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 6);
        }
    }

    /// <summary>
    /// Gradients pending when <c>TrainBatch</c> starts, from <c>Backward</c> or written through <c>Gradients</c>, take
    /// part in its step, as in accumulating the batch's gradients onto them and applying the sum.
    /// </summary>
    [Fact]
    public void TrainBatch_steps_with_the_gradients_pending_before_it()
    {
        var trained = new XorNet(6);
        var manual = new XorNet(6);
        trained.Backward(XorInputs.AsSpan(6, 2), XorTargets.AsSpan(3, 1));
        manual.Backward(XorInputs.AsSpan(6, 2), XorTargets.AsSpan(3, 1));

        trained.TrainBatch(XorInputs, XorTargets, 0.2f);
        var random = default(SeededRandom);
        manual.AccumulateGradients(XorInputs, XorTargets, manual.Gradients, ref random);
        manual.ApplyGradients(0.2f / 4);
        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());

        trained.Gradients[0] = 1f;
        manual.Gradients[0] = 1f;
        trained.TrainBatch(XorInputs, XorTargets, 0.2f);
        manual.AccumulateGradients(XorInputs, XorTargets, manual.Gradients, ref random);
        manual.ApplyGradients(0.2f / 4);
        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }
}
