using System;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

public sealed class FeatureScalerTests
{
    [Fact]
    public void Standardization_fitted_on_training_data_gives_it_mean_zero_and_unit_deviation()
    {
        // Feature 0: 1, 2, 3, 4 (mean 2.5, population deviation √1.25); feature 1 is constant.
        var training = new Dataset<double>([1, 7, 2, 7, 3, 7, 4, 7], 2, new double[4], 1);

        FeatureScaler<double> scaler = FeatureScaler<double>.FitStandardization(training);
        scaler.Transform(training);

        double deviation = Math.Sqrt(1.25);
        Assert.Equal([2.5, 7], scaler.Offsets.ToArray());
        Assert.Equal(1 / deviation, scaler.Scales[0], 12);
        Assert.Equal(1, scaler.Scales[1]);
        Assert.Equal([-1.5 / deviation, 0, -0.5 / deviation, 0, 0.5 / deviation, 0, 1.5 / deviation, 0], training.Features.ToArray(), new Tolerance(1e-12));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_scaler_is_not_fitted_on_NaN_or_infinite_features(float bad)
    {
        // Its offset or scale would be NaN, and so would every value it scaled.
        var training = new Dataset<float>([0, bad, 10], 1, new float[3], 1);

        Assert.Throws<ArgumentException>(() => FeatureScaler<float>.FitStandardization(training));
        Assert.Throws<ArgumentException>(() => FeatureScaler<float>.FitMinMax(training));
    }

    [Fact]
    public void The_training_statistics_are_applied_unchanged_to_other_sets()
    {
        var training = new Dataset<float>([0, 10], 1, new float[2], 1);
        var test = new Dataset<float>([20, -10], 1, new float[2], 1);

        FeatureScaler<float> scaler = FeatureScaler<float>.FitStandardization(training);
        scaler.Transform(test);

        // Training mean 5, deviation 5: the test values are measured against them, not against their own.
        Assert.Equal([3f, -3f], test.Features.ToArray());
    }

    [Fact]
    public void Min_max_maps_the_training_range_onto_the_unit_interval()
    {
        var training = new Dataset<float>([2, 5, 4, 5, 6, 5], 2, new float[3], 1);
        var test = new Dataset<float>([8, 9], 2, new float[1], 1);

        FeatureScaler<float> scaler = FeatureScaler<float>.FitMinMax(training);
        scaler.Transform(training);
        scaler.Transform(test);

        Assert.Equal([0f, 0, 0.5f, 0, 1, 0], training.Features.ToArray());
        Assert.Equal([1.5f, 4], test.Features.ToArray());
        FeatureScaler<float> middleExtremes = FeatureScaler<float>.FitMinMax(new Dataset<float>([5, 1, 9], 1, new float[3], 1));
        Assert.Equal([1f], middleExtremes.Offsets.ToArray());
        Assert.Equal([0.125f], middleExtremes.Scales.ToArray());
    }

    [Fact]
    public void Mismatched_sizes_and_empty_training_sets_are_rejected()
    {
        FeatureScaler<float> scaler = FeatureScaler<float>.FitMinMax(new Dataset<float>([1, 2], 2, [0], 1));

        Assert.Contains("fitted on 2 features", Assert.Throws<ArgumentException>(() => scaler.Transform(new Dataset<float>([1, 2, 3], 3, [0], 1))).Message);
        Assert.Throws<ArgumentException>(() => scaler.Transform(new float[3]));
        Assert.Throws<ArgumentException>(() => FeatureScaler<float>.FitStandardization(new Dataset<float>([], 2, [], 1)));
    }

    private sealed class Tolerance(double epsilon) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
