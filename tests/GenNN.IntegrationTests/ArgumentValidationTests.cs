using System;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// Wrong span lengths fail fast with an <see cref="ArgumentException"/> that names the parameter and the expected length;
/// a learning rate that is negative, infinite or NaN with an <see cref="ArgumentOutOfRangeException"/>, before anything changes.
/// </summary>
public sealed class ArgumentValidationTests
{
    private readonly XorNet _network = new();

    [Fact]
    public void Forward_rejects_a_wrong_input_length()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(new float[3], new float[1]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("length 2", error.Message);
        Assert.Contains("has length 3", error.Message);
    }

    [Fact]
    public void Forward_rejects_a_wrong_output_length()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(new float[2], new float[2]));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("length 1", error.Message);
    }

    [Fact]
    public void Backward_and_ComputeLoss_reject_a_wrong_target_length()
    {
        var backward = Assert.Throws<ArgumentException>(() => _network.Backward(new float[2], new float[4]));
        var loss = Assert.Throws<ArgumentException>(() => _network.ComputeLoss(new float[2], ReadOnlySpan<float>.Empty));
        Assert.Equal("target", backward.ParamName);
        Assert.Equal("target", loss.ParamName);
        Assert.Contains("length 1", backward.Message);
    }

    [Fact]
    public void TrainBatch_rejects_partial_samples_and_mismatched_targets()
    {
        var partial = Assert.Throws<ArgumentException>(() => _network.TrainBatch(new float[5], new float[2], 0.1f));
        Assert.Equal("inputs", partial.ParamName);
        Assert.Contains("multiple of 2", partial.Message);

        var mismatched = Assert.Throws<ArgumentException>(() => _network.TrainBatch(new float[4], new float[3], 0.1f));
        Assert.Equal("targets", mismatched.ParamName);
        Assert.Contains("length 2 (2 samples of length 1)", mismatched.Message);

        Assert.Throws<ArgumentException>(() => _network.TrainBatch(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, 0.1f));
    }

    [Fact]
    public void A_rejected_call_changes_nothing()
    {
        float[] before = _network.Parameters.ToArray();
        Assert.Throws<ArgumentException>(() => _network.TrainStep(new float[2], new float[2], 0.1f));
        Assert.Equal(before, _network.Parameters.ToArray());
        Assert.All(_network.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(-0.1f)]
    [InlineData(float.PositiveInfinity)]
    public void Training_steps_reject_a_learning_rate_that_is_negative_infinite_or_NaN(float learningRate)
    {
        // One NaN step used to turn every parameter into NaN, silently.
        float[] before = _network.Parameters.ToArray();
        float[] inputs = { 0, 1, 1, 0 };
        float[] targets = { 1, 1 };
        Action[] steps =
        {
            () => _network.TrainBatch(inputs, targets, learningRate),
            () => _network.TrainStep(inputs.AsSpan(0, 2), targets.AsSpan(0, 1), learningRate),
            () => _network.ApplyGradients(learningRate),
        };
        foreach (Action step in steps)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(step);
            Assert.Equal("learningRate", error.ParamName);
            Assert.Contains("finite and non-negative", error.Message);
        }

        Assert.Equal(before, _network.Parameters.ToArray());
        Assert.All(_network.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void A_learning_rate_of_zero_is_a_step_that_changes_no_parameter()
    {
        float[] before = _network.Parameters.ToArray();
        _network.TrainBatch(new float[] { 0, 1, 1, 0 }, new float[] { 1, 1 }, 0f);
        Assert.Equal(before, _network.Parameters.ToArray());
    }
}
