using System;
using System.Linq;
using GenNN.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GenNN.Tests.Training;

/// <summary>Clipping against <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>.</summary>
[Collection(TorchCollection.Name)]
public sealed class GradientClippingTorchTests
{
    [Theory]
    [InlineData(2.0, 0.5)]
    [InlineData(2.0, 1e6)]
    [InlineData(1.0, 2.0)]
    [InlineData(3.0, 1.0)]
    [InlineData(double.PositiveInfinity, 0.7)]
    public void Norm_clipping_matches_clip_grad_norm(double normType, double maxNorm)
    {
        double[] gradients = Gradients();
        double norm = GradientClipping.ClipByNorm<double>(gradients, maxNorm, normType);

        using var scope = NewDisposeScope();
        Parameter parameter = ParameterWithGradient(Gradients());
        double torchNorm = nn.utils.clip_grad_norm_([parameter], maxNorm, normType);
        double[] torchGradients = parameter.grad!.data<double>().ToArray();

        Assert.Equal(torchNorm, norm, 12);
        Assert.True(gradients.Zip(torchGradients, (a, b) => Math.Abs(a - b)).Max() <= 1e-12);
    }

    [Fact]
    public void Value_clipping_matches_clip_grad_value()
    {
        double[] gradients = Gradients();
        GradientClipping.ClipByValue<double>(gradients, 0.8);

        using var scope = NewDisposeScope();
        Parameter parameter = ParameterWithGradient(Gradients());
        nn.utils.clip_grad_value_([parameter], 0.8);
        Assert.Equal(parameter.grad!.data<double>().ToArray(), gradients);
    }

    private static double[] Gradients()
    {
        var random = new SeededRandom(12);
        return Enumerable.Range(0, 50).Select(_ => random.NextGaussian()).ToArray();
    }

    /// <summary>A parameter whose gradient is <paramref name="gradients"/> (back-propagated from Σ θ·g).</summary>
    private static Parameter ParameterWithGradient(double[] gradients)
    {
        var parameter = new Parameter(zeros(gradients.Length, dtype: ScalarType.Float64));
        (parameter * tensor(gradients)).sum().backward();
        return parameter;
    }
}
