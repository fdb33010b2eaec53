using System;
using System.Linq;
using System.Threading.Tasks;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>The generated members other than the arithmetic: constants, storage, initialization, concurrency.</summary>
public sealed class GeneratedApiTests
{
    [Fact]
    public void Constants_describe_the_declared_topology()
    {
        Assert.Equal(2, XorNet.InputSize);
        Assert.Equal(1, XorNet.OutputSize);
        Assert.Equal((2 * 16) + 16 + (16 * 16) + 16 + 16 + 1, XorNet.ParameterCount);
        Assert.Equal(42, XorNet.DefaultSeed);
        Assert.Equal(64, WideClassifier.HiddenInputSize);
        Assert.Equal(64, WideClassifier.HiddenSize);
        Assert.Equal(WideClassifier.HiddenWeightsLength + WideClassifier.HiddenBiasLength, WideClassifier.Layer2WeightsOffset);
    }

    [Fact]
    public void BatchBlockSize_is_32_unless_a_block_s_scratch_would_pass_32_MiB()
    {
        Assert.Equal(32, XorNet.BatchBlockSize);
        Assert.Equal(32, WideClassifier.BatchBlockSize);

        // 32×32×64 activations in double, their deltas and the layers after them: about 2.5 MB of training scratch a sample.
        Assert.InRange(Scratch.Cifar64Net.BatchBlockSize, 1, 31);
    }

    [Fact]
    public void Layer_views_are_slices_of_the_parameter_span()
    {
        var network = new WideClassifier();
        network.HiddenWeights[5] = 123f;
        network.Layer2Bias[9] = -4f;
        Assert.Equal(123f, network.Parameters[WideClassifier.HiddenWeightsOffset + 5]);
        Assert.Equal(-4f, network.Parameters[WideClassifier.Layer2BiasOffset + 9]);
        Assert.Equal(WideClassifier.ParameterCount, network.Parameters.Length);
        Assert.Equal(WideClassifier.ParameterCount, network.Gradients.Length);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_a_different_seed_different_ones()
    {
        Assert.Equal(new XorNet(5).Parameters.ToArray(), new XorNet(5).Parameters.ToArray());
        Assert.NotEqual(new XorNet(5).Parameters.ToArray(), new XorNet(6).Parameters.ToArray());
        Assert.Equal(new XorNet(XorNet.DefaultSeed).Parameters.ToArray(), new XorNet().Parameters.ToArray());

        var reinitialized = new XorNet(1);
        reinitialized.InitializeParameters(5);
        Assert.Equal(new XorNet(5).Parameters.ToArray(), reinitialized.Parameters.ToArray());
    }

    [Fact]
    public void Initialization_follows_the_documented_scheme()
    {
        var network = new WideClassifier(8);
        float heLimit = MathF.Sqrt(6f / 64);
        float glorotLimit = MathF.Sqrt(6f / (64 + 10));
        Assert.All(network.HiddenWeights.ToArray(), w => Assert.InRange(MathF.Abs(w), 0f, heLimit));
        Assert.Contains(network.HiddenWeights.ToArray(), w => MathF.Abs(w) > glorotLimit); // He, not Glorot
        Assert.All(network.Layer2Weights.ToArray(), w => Assert.InRange(MathF.Abs(w), 0f, glorotLimit));
        Assert.All(network.HiddenBias.ToArray(), b => Assert.Equal(0f, b));
        Assert.All(network.Layer2Bias.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Forward_is_safe_to_call_concurrently()
    {
        var network = new WideClassifier(2);
        float[][] inputs = Enumerable.Range(0, 64)
            .Select(i => Enumerable.Range(0, WideClassifier.InputSize).Select(j => MathF.Sin(i + (0.1f * j))).ToArray())
            .ToArray();
        float[][] expected = inputs.Select(input =>
        {
            var output = new float[WideClassifier.OutputSize];
            network.Forward(input, output);
            return output;
        }).ToArray();

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            Span<float> output = stackalloc float[WideClassifier.OutputSize];
            network.Forward(inputs[i % inputs.Length], output);
            Assert.True(output.SequenceEqual(expected[i % inputs.Length]));
        });
    }

    [Fact]
    public void Softmax_outputs_are_a_distribution_even_for_huge_logits()
    {
        var network = new WideClassifier(3);
        network.Layer2Weights.Fill(0);
        network.Layer2Bias[0] = 1000f;
        network.Layer2Bias[1] = 999f;
        var output = new float[WideClassifier.OutputSize];
        network.Forward(new float[WideClassifier.InputSize], output);
        Assert.Equal(1f, output.Sum(), 5);
        Assert.Equal(1f / (1f + MathF.Exp(-1f)), output[0], 5);
        float[] target = new float[WideClassifier.OutputSize];
        target[1] = 1;
        Assert.Equal(1f + MathF.Log(1f + MathF.Exp(-1f)), network.ComputeLoss(new float[WideClassifier.InputSize], target), 3); // float near 1000: about 1e-4 absolute
    }

    [Fact]
    public void A_network_without_a_loss_is_inference_only()
    {
        INetwork<float> network = new InferenceOnlyNet();
        Assert.IsNotAssignableFrom<ITrainableNetwork<float>>(network);
        Assert.Null(typeof(InferenceOnlyNet).GetMethod("Backward"));
        // Its Forward is compared with a forward pass worked out from the documentation in DocumentedBehaviourTests.
    }
}
