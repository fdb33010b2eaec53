using System;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>Gradient clipping against values worked out by hand.</summary>
public sealed class GradientClippingTests
{
    [Fact]
    public void Norm_clipping_scales_by_max_norm_over_norm_plus_1e6()
    {
        double[] gradients = [3, 4, 0];
        double norm = GradientClipping.ClipByNorm<double>(gradients, maxNorm: 1);
        Assert.Equal(5, norm);
        Assert.Equal([3 / (5 + 1e-6), 4 / (5 + 1e-6), 0], gradients);
    }

    [Fact]
    public void Norm_clipping_leaves_small_gradients_alone()
    {
        float[] gradients = [0.3f, -0.4f];
        Assert.Equal(0.5, GradientClipping.ClipByNorm<float>(gradients, maxNorm: 0.6), 6);
        Assert.Equal([0.3f, -0.4f], gradients);
    }

    [Fact]
    public void Other_norm_orders()
    {
        double[] l1 = [3, -4];
        Assert.Equal(7, GradientClipping.ClipByNorm<double>(l1, 3.5, normType: 1));
        Assert.Equal([3 * 3.5 / (7 + 1e-6), -4 * 3.5 / (7 + 1e-6)], l1);

        double[] infinity = [3, -4];
        Assert.Equal(4, GradientClipping.ClipByNorm<double>(infinity, 2, double.PositiveInfinity));
        Assert.Equal([3 * 2 / (4 + 1e-6), -4 * 2 / (4 + 1e-6)], infinity);
    }

    [Fact]
    public void A_non_finite_norm_is_returned_and_leaves_the_gradients_for_the_divergence_check()
    {
        double[] gradients = [1, double.NaN];
        Assert.True(double.IsNaN(GradientClipping.ClipByNorm<double>(gradients, 1)));
        Assert.Equal(1, gradients[0]);
    }

    [Fact]
    public void A_NaN_in_the_infinity_norm_is_NaN_and_an_overflowing_norm_is_infinite_both_leaving_the_gradients()
    {
        // As torch.linalg.vector_norm: the largest magnitude of {NaN, 3, −4} is NaN, not 4.
        double[] withNaN = [double.NaN, 3, -4];
        Assert.True(double.IsNaN(GradientClipping.ClipByNorm<double>(withNaN, 1, double.PositiveInfinity)));
        Assert.Equal([3, -4], withNaN[1..]);

        // The squares overflow: an infinite norm would scale every gradient to 0 and hide the step; it is returned instead.
        double[] huge = [1e200, 1e200];
        Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByNorm<double>(huge, 1));
        Assert.Equal([1e200, 1e200], huge);
    }

    [Fact]
    public void Limits_of_zero_clip_everything_to_zero_as_in_PyTorch()
    {
        double[] values = [1, -2, 3];
        GradientClipping.ClipByValue<double>(values, 0);
        Assert.Equal([0, 0, 0], values);

        double[] norm = [3, 4];
        Assert.Equal(5, GradientClipping.ClipByNorm<double>(norm, 0));
        Assert.Equal([0, 0], norm);
    }

    [Fact]
    public void Value_clipping_clamps_each_element_and_keeps_NaN()
    {
        double[] gradients = [-3, 0.5, 2, double.NaN, double.NegativeInfinity];
        GradientClipping.ClipByValue<double>(gradients, 1);
        Assert.Equal([-1, 0.5, 1, double.NaN, -1], gradients);
    }

    [Fact]
    public void Both_clip_values_first_then_the_norm()
    {
        double[] gradients = [10, 0, -10];
        new GradientClipping { MaxValue = 3, MaxNorm = 1 }.Apply<double>(gradients);
        double norm = Math.Sqrt(18);
        Assert.Equal([3 / (norm + 1e-6), 0, -3 / (norm + 1e-6)], gradients);
    }

    [Fact]
    public void Bad_limits_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm<double>(new double[1], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm<double>(new double[1], 1, normType: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue<double>(new double[1], double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ByNorm(1, normType: 0).Validate());
    }
}
