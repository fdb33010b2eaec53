using System;
using System.Numerics;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="ActivationLayerKernel"/> computes every value with the same vector code, whole vectors and tail alike:
/// for every activation, in both precisions and at every length up to three vectors and a tail, each output is
/// bit for bit what one lane computes for its input, whether the output is a separate span or the input itself.
/// </summary>
public sealed class ActivationLayerKernelTests
{
    [Fact]
    public void Every_activation_in_double() => CheckEveryActivation<double>();

    [Fact]
    public void Every_activation_in_float() => CheckEveryActivation<float>();

    [Fact]
    public void ELU_backward_is_zero_where_the_exponential_would_be_subnormal()
    {
        // e^−87.5 ≈ 1e-38 is below float's smallest normal number: the exponential is 0 there (VectorMath.Exp), so the
        // derivative α·e^x times a huge output gradient is still exactly 0.
        float[] x = new float[Vector<float>.Count];
        Array.Fill(x, -87.5f);
        float[] y = new float[x.Length];
        ActivationLayerKernel.Forward<float, ELUActivation<float>>(x, y, 1f);
        float[] dy = new float[x.Length];
        Array.Fill(dy, 1e30f);
        float[] dx = new float[x.Length];

        ActivationLayerKernel.Backward<float, ELUActivation<float>>(x, y, dy, dx, 1f);

        Assert.All(dx, value => Assert.Equal(0f, value));
    }

    private static void CheckEveryActivation<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check<T, IdentityActivation<T>>(T.Zero);
        Check<T, ReLUActivation<T>>(T.Zero);
        Check<T, LeakyReLUActivation<T>>(T.CreateTruncating(0.01));
        Check<T, SigmoidActivation<T>>(T.Zero);
        Check<T, TanhActivation<T>>(T.Zero);
        Check<T, ELUActivation<T>>(T.CreateTruncating(0.7));
        Check<T, GELUActivation<T>>(T.Zero);
        Check<T, GELUTanhActivation<T>>(T.Zero);
        Check<T, SiLUActivation<T>>(T.Zero);
        Check<T, SoftplusActivation<T>>(T.Zero);
    }

    private static void Check<T, TActivation>(T parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IElementwiseActivation<T>
    {
        var random = new Random(7);
        string name = typeof(TActivation).Name;
        for (int length = 0; length <= (3 * Vector<T>.Count) + 1; length++)
        {
            // Inputs over [−8, 8] reach every interval of the error function and both sides of each branch.
            T[] x = KernelData.Cast<T>(KernelData.Uniform(random, length, -8, 8));
            T[] y = KernelData.Cast<T>(KernelData.Uniform(random, length));
            T[] dy = KernelData.Cast<T>(KernelData.Uniform(random, length));

            T[] output = KernelData.Poisoned<T>(length);
            ActivationLayerKernel.Forward<T, TActivation>(x, output, parameter);
            T[] inPlace = (T[])x.Clone();
            ActivationLayerKernel.Forward<T, TActivation>(inPlace, inPlace, parameter);

            T[] inputDelta = KernelData.Poisoned<T>(length);
            ActivationLayerKernel.Backward<T, TActivation>(x, y, dy, inputDelta, parameter);
            T[] inPlaceDelta = (T[])dy.Clone();
            ActivationLayerKernel.Backward<T, TActivation>(x, y, inPlaceDelta, inPlaceDelta, parameter);

            for (int i = 0; i < length; i++)
            {
                T value = TActivation.Apply(new Vector<T>(x[i]), parameter)[0];
                T delta = TActivation.Backward(new Vector<T>(dy[i]), new Vector<T>(x[i]), new Vector<T>(y[i]), parameter)[0];
                Assert.True(value.Equals(output[i]), $"{name} of length {length}: y[{i}] = {output[i]}, its lane gives {value}");
                Assert.True(value.Equals(inPlace[i]), $"{name} of length {length} in place: y[{i}] = {inPlace[i]}, its lane gives {value}");
                Assert.True(delta.Equals(inputDelta[i]), $"{name} of length {length}: dx[{i}] = {inputDelta[i]}, its lane gives {delta}");
                Assert.True(delta.Equals(inPlaceDelta[i]), $"{name} of length {length} in place: dx[{i}] = {inPlaceDelta[i]}, its lane gives {delta}");
            }
        }
    }
}
