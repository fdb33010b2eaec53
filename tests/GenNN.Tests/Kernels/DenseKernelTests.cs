using System;
using System.Numerics;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="DenseKernel.Forward"/> against the definition, summed in double, for the narrow layers (more outputs than
/// a <see cref="Vector{T}"/>, fewer than a 512-bit vector) whose forward pass reads the weights by periods on cores
/// with full-width 512-bit units: every output count of float (9 to 15) and double (5 to 7), with input counts that
/// leave no whole period, one, and many with rows after the last; the other widths through the common paths.
/// </summary>
public sealed class DenseKernelTests
{
    public static TheoryData<int, int> FloatShapes => Shapes(1, 20);

    public static TheoryData<int, int> DoubleShapes => Shapes(1, 10);

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Float_forward_matches_the_definition(int inputs, int outputs) => Check<float>(inputs, outputs, 2e-6);

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void Double_forward_matches_the_definition(int inputs, int outputs) => Check<double>(inputs, outputs, 1e-14);

    private static TheoryData<int, int> Shapes(int fewestOutputs, int mostOutputs)
    {
        var data = new TheoryData<int, int>();
        for (int outputs = fewestOutputs; outputs <= mostOutputs; outputs++)
        {
            foreach (int inputs in (int[])[1, 7, 15, 16, 17, 24, 41, 400])
            {
                data.Add(inputs, outputs);
            }
        }

        return data;
    }

    private static void Check<T>(int inputs, int outputs, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random((inputs * 31) + outputs);
        T[] weights = KernelData.Cast<T>(KernelData.Uniform(random, inputs * outputs));
        T[] bias = KernelData.Cast<T>(KernelData.Uniform(random, outputs));
        T[] input = KernelData.Cast<T>(KernelData.Uniform(random, inputs));
        T[] output = KernelData.Poisoned<T>(outputs);

        DenseKernel.Forward<T, IdentityActivation<T>>(weights, bias, input, output, T.Zero);

        for (int j = 0; j < outputs; j++)
        {
            double expected = double.CreateTruncating(bias[j]);
            double magnitude = Math.Abs(expected);
            for (int i = 0; i < inputs; i++)
            {
                double product = double.CreateTruncating(input[i]) * double.CreateTruncating(weights[(i * outputs) + j]);
                expected += product;
                magnitude += Math.Abs(product);
            }

            double actual = double.CreateTruncating(output[j]);
            Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + magnitude), $"{inputs} → {outputs}: output {j} is {actual}, expected {expected}");
        }
    }
}
