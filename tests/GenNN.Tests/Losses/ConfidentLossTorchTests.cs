using System;
using System.Numerics;
using GenNN.Tests.Layers;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GenNN.Tests.Losses;

/// <summary>
/// The loss of a confident prediction, where <c>1 + e^−|z|</c> or the log-sum-exp rounds to its largest term: a logit
/// of 17 in float is a loss of 4.1e-8, not 0. Binary cross-entropy keeps its exact value to a few units in the last
/// place, at least as close to it as PyTorch's <c>BCEWithLogitsLoss</c> in the same precision; cross-entropy computes
/// PyTorch's log-softmax, so it agrees with <c>CrossEntropyLoss</c> to a few units in its own last place, and with the
/// exact value to the rounding of the sum of exponentials (1 and a little), as PyTorch does.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ConfidentLossTorchTests
{
    private readonly ITestOutputHelper _output;

    public ConfidentLossTorchTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(10.0)]
    [InlineData(17.0)]
    [InlineData(30.0)]
    [InlineData(-25.0)]
    public void Binary_cross_entropy_of_a_confident_logit_in_float(double logit)
        => AssertBinaryCrossEntropy(new BceLogitsFloat(), logit, 1e-6);

    [Theory]
    [InlineData(30.0)]
    [InlineData(40.0)]
    [InlineData(700.0)]
    public void Binary_cross_entropy_of_a_confident_logit_in_double(double logit)
        => AssertBinaryCrossEntropy(new BceLogitsDouble(), logit, 1e-14);

    [Theory]
    [InlineData(20.0, 10.0)]
    [InlineData(30.0, 20.0)]
    [InlineData(60.0, 45.0)]
    public void Cross_entropy_of_a_confident_prediction_in_float(double top, double other)
        => AssertCrossEntropy(new CrossEntropyLogitsFloat(), top, other, 1e-6);

    [Theory]
    [InlineData(20.0, 10.0)]
    [InlineData(60.0, 35.0)]
    public void Cross_entropy_of_a_confident_prediction_in_double(double top, double other)
        => AssertCrossEntropy(new CrossEntropyLogitsDouble(), top, other, 1e-14);

    /// <summary>Targets on the logit's side (the loss is tiny) for both signs of the logit.</summary>
    private void AssertBinaryCrossEntropy<T>(ITrainableNetwork<T> network, double logit, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] logits = Logits<T>(network, logit, logit, -logit);
        T[] targets = [T.CreateChecked(logit > 0 ? 1 : 0), T.CreateChecked(logit > 0 ? 1 : 0), T.CreateChecked(logit > 0 ? 0 : 1)];
        double ours = double.CreateChecked(network.ComputeLoss(logits, targets));
        double torch;
        using (NewDisposeScope())
        {
            torch = nn.functional.binary_cross_entropy_with_logits(Tensor(logits), Tensor(targets)).to_type(ScalarType.Float64).item<double>();
        }

        double exact = LogOnePlus(Math.Exp(-Math.Abs(logit)));
        _output.WriteLine($"BCE of logit {logit}: GenNN {ours:E6}, PyTorch {torch:E6}, exact {exact:E6}");
        Assert.True(Math.Abs(ours - exact) <= tolerance * exact, $"GenNN {ours:E6}, exact {exact:E6}");
        Assert.True(Math.Abs(ours - exact) <= Math.Abs(torch - exact) + (tolerance * exact), $"GenNN {ours:E6} is further from {exact:E6} than PyTorch's {torch:E6}");
    }

    private void AssertCrossEntropy<T>(ITrainableNetwork<T> network, double top, double other, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] logits = Logits<T>(network, top, other, other);
        T[] targets = [T.One, T.Zero, T.Zero];
        double ours = double.CreateChecked(network.ComputeLoss(logits, targets));
        double torch;
        using (NewDisposeScope())
        {
            torch = nn.functional.cross_entropy(Tensor(logits).reshape(1, 3), Tensor(targets).reshape(1, 3)).to_type(ScalarType.Float64).item<double>();
        }

        double exact = LogOnePlus(2 * Math.Exp(other - top));
        _output.WriteLine($"CE of logits ({top}, {other}, {other}): GenNN {ours:E6}, PyTorch {torch:E6}, exact {exact:E6}");
        Assert.True(Math.Abs(ours - torch) <= tolerance * torch, $"GenNN {ours:E6}, PyTorch {torch:E6}");
        double sumRounding = 4 * double.CreateChecked(T.BitIncrement(T.One) - T.One);   // a few units in the last place of 1
        Assert.True(Math.Abs(ours - exact) <= sumRounding, $"GenNN {ours:E6}, exact {exact:E6}");
    }

    /// <summary><c>ln(1 + x)</c> in double, precise for small <c>x</c> (<c>x·ln(u)/(u − 1)</c>, <c>u = 1 + x</c>).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : x * Math.Log(u) / (u - 1);
    }

    /// <summary>Sets the network to pass its input through as the logits (identity weights, zero bias), and returns them.</summary>
    private static T[] Logits<T>(ITrainableNetwork<T> network, params double[] logits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> parameters = network.Parameters;
        parameters.Clear();
        for (int i = 0; i < logits.Length; i++)
        {
            parameters[(i * logits.Length) + i] = T.One;
        }

        return Array.ConvertAll(logits, T.CreateChecked);
    }

    private static Tensor Tensor<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? tensor((float[])(object)values) : tensor((double[])(object)values);
}
