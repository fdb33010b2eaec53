using System;
using System.Linq;
using System.Numerics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GenNN.Tests.Kernels;

/// <summary>Random data, element-type conversions and TorchSharp tensors for the kernel tests.</summary>
internal static class KernelData
{
    /// <summary>Uniform values in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double[] Uniform(Random random, int length, double low = -1, double high = 1) =>
        Enumerable.Range(0, length).Select(_ => low + ((high - low) * random.NextDouble())).ToArray();

    /// <summary>The values rounded to <typeparamref name="T"/>.</summary>
    public static T[] Cast<T>(double[] values)
        where T : IFloatingPointIeee754<T> =>
        values.Select(T.CreateTruncating).ToArray();

    /// <summary>The values widened to double.</summary>
    public static double[] Widen<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    /// <summary>An array of <paramref name="length"/> NaNs: a kernel that reads scratch or output before writing it shows up in the result.</summary>
    public static T[] Poisoned<T>(int length)
        where T : IFloatingPointIeee754<T> =>
        Enumerable.Repeat(T.NaN, length).ToArray();

    /// <summary>A tensor of <typeparamref name="T"/>'s dtype holding <paramref name="values"/> (already rounded to T) in <paramref name="shape"/>.</summary>
    public static Tensor Tensor<T>(double[] values, params long[] shape)
        where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? torch.tensor(values.Select(value => (float)value).ToArray(), shape)
            : torch.tensor(values, shape);

    /// <summary>A tensor's values in row-major order, as doubles.</summary>
    public static double[] Values(Tensor tensor) => tensor.detach().contiguous().to_type(ScalarType.Float64).data<double>().ToArray();

    /// <summary>
    /// The agreement asked of a kernel against TorchSharp (see <see cref="Agreement"/>): 1e-5 in float; 1e-12 in
    /// double, where the kernels measured within 5e-14 of torch (so 1e-10 would hide a real loss of precision).
    /// </summary>
    public static double Tolerance<T>() => typeof(T) == typeof(float) ? 1e-5 : 1e-12;

    /// <summary>The values of <paramref name="values"/> after rounding to <typeparamref name="T"/>, so both sides start from the same numbers.</summary>
    public static double[] Rounded<T>(double[] values)
        where T : IFloatingPointIeee754<T> =>
        Widen<T>(Cast<T>(values));
}

/// <summary>
/// Compares kernel results with reference values and keeps the largest differences, for the test output.
/// In double an element passes when <c>|actual − expected| ≤ tolerance·max(1, |expected|)</c> (absolute near zero,
/// relative above one). In float the bound is <c>tolerance·max(1, ‖expected‖∞)</c>, relative to the tensor's
/// largest value: a float sum of hundreds of terms (a weight gradient sums over every output position) carries an
/// absolute rounding error in proportion to its terms, so an element that cancels to near zero cannot keep 1e-5
/// of its own size, in torch's result any more than in ours. NaN must meet NaN and an infinity the same infinity.
/// </summary>
internal sealed class Agreement
{
    /// <summary>The largest <c>|actual − expected|</c>.</summary>
    public double MaxAbsolute { get; private set; }

    /// <summary>The largest <c>|actual − expected| / max(1, |expected|)</c>, the quantity bounded in double.</summary>
    public double MaxScaled { get; private set; }

    /// <summary>The largest <c>|actual − expected| / ‖expected‖∞</c> of any tensor, the quantity bounded in float.</summary>
    public double MaxNormwise { get; private set; }

    public void Check<T>(string what, ReadOnlySpan<T> actual, double[] expected, double tolerance)
        where T : IFloatingPointIeee754<T>
    {
        Assert.True(actual.Length == expected.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        double largest = expected.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        bool elementwise = typeof(T) == typeof(double);
        for (int i = 0; i < expected.Length; i++)
        {
            double value = double.CreateTruncating(actual[i]);
            if (double.IsNaN(expected[i]) || double.IsNaN(value))
            {
                Assert.True(double.IsNaN(expected[i]) && double.IsNaN(value), $"{what}[{i}]: {value} where torch has {expected[i]}");
                continue;
            }

            if (double.IsInfinity(expected[i]) || double.IsInfinity(value))
            {
                Assert.True(value == expected[i], $"{what}[{i}]: {value} where torch has {expected[i]}");
                continue;
            }

            double difference = Math.Abs(value - expected[i]);
            MaxAbsolute = Math.Max(MaxAbsolute, difference);
            MaxScaled = Math.Max(MaxScaled, difference / Math.Max(1, Math.Abs(expected[i])));
            if (largest > 0)
            {
                MaxNormwise = Math.Max(MaxNormwise, difference / largest);
            }

            double bound = tolerance * Math.Max(1, elementwise ? Math.Abs(expected[i]) : largest);
            Assert.True(difference <= bound, $"{what}[{i}]: {value:R}, torch {expected[i]:R} (difference {difference:E3}, bound {bound:E3})");
        }
    }

    public override string ToString() => $"max |Δ| {MaxAbsolute:E2}, max |Δ|/max(1,|torch|) {MaxScaled:E2}, max |Δ|/‖torch‖∞ {MaxNormwise:E2}";
}

/// <summary>
/// Central-difference gradients in double, independent of TorchSharp: for a scalar loss <c>L(θ)</c>,
/// <c>∂L/∂θ_i ≈ (L(θ + h·e_i) − L(θ − h·e_i)) / 2h</c> with <c>h = 1e-6</c>.
/// </summary>
internal static class FiniteDifference
{
    private const double Step = 1e-6;

    /// <summary>The numerical gradient of <paramref name="loss"/> with respect to every element of <paramref name="parameter"/>, perturbed in place and restored.</summary>
    public static double[] Gradient(double[] parameter, Func<double> loss)
    {
        var gradient = new double[parameter.Length];
        for (int i = 0; i < parameter.Length; i++)
        {
            double saved = parameter[i];
            parameter[i] = saved + Step;
            double above = loss();
            parameter[i] = saved - Step;
            double below = loss();
            parameter[i] = saved;
            gradient[i] = (above - below) / (2 * Step);
        }

        return gradient;
    }

    /// <summary>
    /// Asserts <c>max_i |analytic_i − numeric_i| / max_i |numeric_i| &lt; 1e-6</c>: the error relative to the
    /// gradient's scale, which stays meaningful for elements whose own gradient is near zero.
    /// </summary>
    public static double AssertClose(string what, ReadOnlySpan<double> analytic, double[] numeric)
    {
        Assert.Equal(numeric.Length, analytic.Length);
        double scale = numeric.Max(Math.Abs);
        Assert.True(scale > 0, $"{what}: the numerical gradient is zero everywhere, so the check would prove nothing");
        double worst = 0;
        for (int i = 0; i < numeric.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(analytic[i] - numeric[i]));
        }

        double relative = worst / scale;
        Assert.True(relative < 1e-6, $"{what}: relative error {relative:E3} (max |analytic − numeric| {worst:E3}, gradient scale {scale:E3})");
        return relative;
    }

    /// <summary><c>Σ_i weights_i·values_i</c>: the loss whose gradient with respect to <c>values</c> is <paramref name="weights"/>.</summary>
    public static double Dot(double[] weights, ReadOnlySpan<double> values)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * values[i];
        }

        return sum;
    }
}
