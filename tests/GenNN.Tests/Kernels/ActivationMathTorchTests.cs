using System;
using System.Linq;
using GenNN.Kernels;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GenNN.Tests.Kernels;

/// <summary>
/// The activations generated code computes through <see cref="ActivationMath"/> equal PyTorch's, value and derivative
/// (autograd, computed at test time), in double over a range that covers both tails, 0, and Softplus's threshold.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ActivationMathTorchTests
{
    private static readonly double[] Points = Enumerable.Range(-400, 801).Select(i => i * 0.0625).Concat(new[] { 1e-9, -1e-9, 19.999, 20.0, 20.001, 40.0, -40.0 }).ToArray();

    public static TheoryData<string> Activations => new() { "ELU", "GELU", "GELUTanh", "SiLU", "Softplus" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Value_and_derivative_equal_PyTorch_in_double(string activation)
    {
        using var scope = NewDisposeScope();
        Tensor z = tensor(Points, dtype: ScalarType.Float64).requires_grad_(true);
        Tensor a = activation switch
        {
            "ELU" => nn.functional.elu(z, alpha: 0.7),
            "GELU" => nn.functional.gelu(z),
            "GELUTanh" => nn.functional.gelu(z, TorchSharp.Modules.GELU.Approximate.tanh),
            "SiLU" => nn.functional.silu(z),
            _ => nn.functional.softplus(z),
        };
        a.sum().backward();
        double[] expected = a.data<double>().ToArray();
        double[] expectedDerivative = z.grad!.data<double>().ToArray();

        for (int i = 0; i < Points.Length; i++)
        {
            double x = Points[i];
            (double value, double derivative) = activation switch
            {
                "ELU" => (ActivationMath.Elu(x, 0.7), ActivationMath.EluDerivative(x, 0.7)),
                "GELU" => (ActivationMath.Gelu(x), ActivationMath.GeluDerivative(x)),
                "GELUTanh" => (ActivationMath.GeluTanh(x), ActivationMath.GeluTanhDerivative(x)),
                "SiLU" => (ActivationMath.Silu(x), ActivationMath.SiluDerivative(x)),
                _ => (ActivationMath.Softplus(x), ActivationMath.SoftplusDerivative(x)),
            };
            AssertClose(expected[i], value, $"{activation}({x})");
            AssertClose(expectedDerivative[i], derivative, $"{activation}'({x})");
        }
    }

    /// <summary>Agreement to 1e-13, relative where the value is large, absolute near zero (where both round the same cancellation).</summary>
    private static void AssertClose(double expected, double actual, string what)
    {
        double error = Math.Abs(expected - actual) / Math.Max(1, Math.Abs(expected));
        Assert.True(error <= 1e-13, $"{what}: PyTorch {expected:R}, GenNN {actual:R}, error {error:E2}");
    }
}
