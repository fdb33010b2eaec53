using System;
using System.Collections.Generic;
using System.Linq;
using GenNN.Kernels;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GenNN.Tests.Kernels;

/// <summary>
/// The activations whose derivative needs the pre-activation equal PyTorch's, value and derivative (autograd, computed
/// at test time), over a range that covers both tails, 0, and Softplus's threshold; and the error function GELU rests
/// on is within an ulp of PyTorch's in double (itself within an ulp) and two in float.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ActivationMathTorchTests
{
    // Besides the grid: tiny values, Softplus's threshold, and values far beyond any exponential's range, where a
    // clamped exponential must still give 0 (SiLU(−1e30) is −0, not −1e30 times a subnormal floor); infinities, whose
    // values, NaNs (∞·0) included, must be PyTorch's.
    private static readonly double[] Points = Enumerable.Range(-400, 801).Select(i => i * 0.0625)
        .Concat(new[] { 1e-9, -1e-9, 19.999, 20.0, 20.001, 40.0, -40.0, 100, -100, 1e13, -1e13, 1e30, -1e30, double.PositiveInfinity, double.NegativeInfinity })
        .ToArray();

    public static TheoryData<string> Activations => new() { "ELU", "GELU", "GELUTanh", "SiLU", "Softplus" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Value_and_derivative_equal_PyTorch_in_double(string activation)
        => CheckAgainstPyTorch<double>(activation, ScalarType.Float64, 1e-13);

    /// <summary>
    /// Float against PyTorch in double, the exact values: float's rounding, amplified where a formula cancels (SiLU's
    /// and GELU-tanh's slopes in the negative tail), measured 9.7e-7 at worst. PyTorch's own float results are no
    /// closer there (its float GELU-tanh slope at −5 is −2.0e-6 and at −5.125 exactly 0).
    /// </summary>
    [Theory]
    [MemberData(nameof(Activations))]
    public void Value_and_derivative_equal_PyTorch_in_float(string activation)
        => CheckAgainstPyTorch<float>(activation, ScalarType.Float64, 2e-6);

    [Fact]
    public void Erf_is_within_an_ulp_of_PyTorch_in_double()
    {
        double[] points = ErfPoints();
        double[] expected = TorchErf(points);
        for (int i = 0; i < points.Length; i++)
        {
            double actual = ActivationMath.Erf(points[i]);
            Assert.True(
                actual.Equals(expected[i]) || Math.Abs(actual - expected[i]) <= double.Epsilon + Math.Abs(Math.BitIncrement(Math.Abs(expected[i])) - Math.Abs(expected[i])),
                $"erf({points[i]:R}): PyTorch {expected[i]:R}, GenNN {actual:R}");
        }
    }

    /// <summary>
    /// Float against PyTorch's double erf rounded to float: within two float ulps (as measured, next to 0.84375, where
    /// the two approximations meet), on the general grid and on every fifth float of [0.25, 4.1].
    /// </summary>
    [Fact]
    public void Erf_is_within_two_float_ulps_in_float()
    {
        double[] points = ErfPoints().Select(point => (double)(float)point).Concat(EveryFifthFloat(0.25f, 4.1f)).ToArray();
        double[] expected = TorchErf(points);
        for (int i = 0; i < points.Length; i++)
        {
            float actual = ActivationMath.Erf((float)points[i]);
            float rounded = (float)expected[i];
            float ulp = MathF.BitIncrement(MathF.Abs(rounded)) - MathF.Abs(rounded);
            Assert.True(
                actual.Equals(rounded) || MathF.Abs(actual - rounded) <= 2 * ulp,
                $"erf({points[i]:R}): PyTorch {rounded:R}, GenNN {actual:R} ({MathF.Abs(actual - rounded) / ulp:F1} ulps)");
        }
    }

    /// <summary>
    /// Where an activation is exactly 0, 1 or ln 2 GenNN gives exactly that, in both precisions, and ELU keeps its
    /// relative precision for tiny negative inputs (<c>e^z − 1</c> without cancellation).
    /// </summary>
    [Fact]
    public void Exact_where_the_value_is_exact()
    {
        Check<float>();
        Check<double>();

        static void Check<T>()
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            T alpha = T.CreateTruncating(0.7);
            Assert.Equal(T.Zero, ActivationMath.Elu(T.Zero, alpha));
            Assert.Equal(T.One, ActivationMath.EluDerivative(T.Zero, T.One));
            Assert.Equal(T.Zero, ActivationMath.Gelu(T.Zero));
            Assert.Equal(T.Zero, ActivationMath.GeluTanh(T.Zero));
            Assert.Equal(T.Zero, ActivationMath.Silu(T.Zero));
            Assert.Equal(T.CreateTruncating(0.5), ActivationMath.SiluDerivative(T.Zero));
            Assert.Equal(T.CreateTruncating(Math.Log(2)), ActivationMath.Softplus(T.Zero));
            Assert.Equal(T.CreateTruncating(0.5), ActivationMath.SoftplusDerivative(T.Zero));
            Assert.Equal(T.Zero, ActivationMath.Erf(T.Zero));

            T tiny = T.CreateTruncating(-1e-9);
            double x = double.CreateTruncating(tiny);
            double expected = double.CreateTruncating(alpha) * (x + (x * x / 2)); // e^x − 1 to within x³/6
            double relative = Math.Abs((double.CreateTruncating(ActivationMath.Elu(tiny, alpha)) - expected) / expected);
            Assert.True(relative <= (typeof(T) == typeof(float) ? 2e-7 : 4e-16), $"ELU(−1e-9) in {typeof(T).Name}: relative error {relative:E2}");
        }
    }

    private static IEnumerable<double> EveryFifthFloat(float from, float to)
    {
        for (int bits = BitConverter.SingleToInt32Bits(from); BitConverter.Int32BitsToSingle(bits) <= to; bits += 5)
        {
            yield return BitConverter.Int32BitsToSingle(bits);
        }
    }

    /// <summary>A dense grid, each interval's ends, tiny and huge values, infinities and NaN.</summary>
    private static double[] ErfPoints()
        => Enumerable.Range(-7000, 14001).Select(i => i * 0.001)
            .Concat(new[] { 0.84375, 1.25, 1 / 0.35, 4, 6, 28 }.SelectMany(edge => new[] { edge, -edge, Math.BitDecrement(edge), Math.BitIncrement(edge) }))
            .Concat(new[] { -0.0, 1e-300, -1e-300, double.Epsilon, 1e-9, 1e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN })
            .ToArray();

    private static double[] TorchErf(double[] points)
    {
        using var scope = NewDisposeScope();
        return tensor(points, dtype: ScalarType.Float64).erf().data<double>().ToArray();
    }

    private static void CheckAgainstPyTorch<T>(string activation, ScalarType type, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var scope = NewDisposeScope();
        T[] points = KernelData.Cast<T>(Points);
        Tensor z = KernelData.Tensor<T>(KernelData.Widen<T>(points), points.Length).to_type(type).requires_grad_(true);
        Tensor a = activation switch
        {
            "ELU" => nn.functional.elu(z, alpha: 0.7),
            "GELU" => nn.functional.gelu(z),
            "GELUTanh" => nn.functional.gelu(z, TorchSharp.Modules.GELU.Approximate.tanh),
            "SiLU" => nn.functional.silu(z),
            _ => nn.functional.softplus(z),
        };
        a.sum().backward();
        double[] expected = KernelData.Values(a);
        double[] expectedDerivative = KernelData.Values(z.grad!);

        T alpha = T.CreateTruncating(0.7);
        for (int i = 0; i < points.Length; i++)
        {
            T x = points[i];
            (T value, T derivative) = activation switch
            {
                "ELU" => (ActivationMath.Elu(x, alpha), ActivationMath.EluDerivative(x, alpha)),
                "GELU" => (ActivationMath.Gelu(x), ActivationMath.GeluDerivative(x)),
                "GELUTanh" => (ActivationMath.GeluTanh(x), ActivationMath.GeluTanhDerivative(x)),
                "SiLU" => (ActivationMath.Silu(x), ActivationMath.SiluDerivative(x)),
                _ => (ActivationMath.Softplus(x), ActivationMath.SoftplusDerivative(x)),
            };
            AssertClose(expected[i], double.CreateTruncating(value), tolerance, $"{activation}({x})");
            if (T.IsFinite(x))
            {
                // At ±∞ PyTorch's slopes are ∞·0 NaNs, or limits, depending on its formula's order; GenNN's are limits.
                AssertClose(expectedDerivative[i], double.CreateTruncating(derivative), tolerance, $"{activation}'({x})");
            }
        }
    }

    /// <summary>Agreement relative where the value is large, absolute near zero (where both round the same cancellation).</summary>
    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        double error = expected == actual || (double.IsNaN(expected) && double.IsNaN(actual)) ? 0 : Math.Abs(expected - actual) / Math.Max(1, Math.Abs(expected));
        Assert.True(error <= tolerance, $"{what}: PyTorch {expected:R}, GenNN {actual:R}, error {error:E2}");
    }
}
