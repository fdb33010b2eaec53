using System;
using System.Numerics;
using GenNN.Kernels;
using static TorchSharp.torch;

namespace GenNN.Tests.Kernels;

/// <summary>The activations a convolution computes in its product's last step (its type argument), as values the tests can enumerate.</summary>
public enum FusedActivation
{
    Identity,
    ReLU,
    LeakyReLU,
    Sigmoid,
    Tanh,
}

/// <summary>
/// Runs <see cref="ConvolutionKernel.Forward"/> with a <see cref="FusedActivation"/> as its type argument, turns
/// <c>dL/dy</c> into <c>dL/dz</c> the way generated code does (<see cref="DenseKernel.ActivationBackward"/>), and
/// applies the same activation in TorchSharp.
/// </summary>
internal static class FusedActivations
{
    /// <summary>LeakyReLU's negative slope in these tests: larger than PyTorch's default, so a wrong slope cannot hide in the tolerance.</summary>
    public const double Slope = 0.1;

    public static void Forward<T>(FusedActivation activation, in Conv2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateTruncating(Slope);
        switch (activation)
        {
            case FusedActivation.Identity:
                ConvolutionKernel.Forward<T, IdentityActivation<T>>(geometry, input, weights, bias, output, scratch, slope);
                break;
            case FusedActivation.ReLU:
                ConvolutionKernel.Forward<T, ReLUActivation<T>>(geometry, input, weights, bias, output, scratch, slope);
                break;
            case FusedActivation.LeakyReLU:
                ConvolutionKernel.Forward<T, LeakyReLUActivation<T>>(geometry, input, weights, bias, output, scratch, slope);
                break;
            case FusedActivation.Sigmoid:
                ConvolutionKernel.Forward<T, SigmoidActivation<T>>(geometry, input, weights, bias, output, scratch, slope);
                break;
            default:
                ConvolutionKernel.Forward<T, TanhActivation<T>>(geometry, input, weights, bias, output, scratch, slope);
                break;
        }
    }

    /// <summary>Overwrites <paramref name="delta"/>, holding <c>dL/dy</c>, with <c>dL/dz</c>, from the outputs <paramref name="output"/>.</summary>
    public static void Backward<T>(FusedActivation activation, ReadOnlySpan<T> output, Span<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateTruncating(Slope);
        switch (activation)
        {
            case FusedActivation.Identity:
                break;
            case FusedActivation.ReLU:
                DenseKernel.ActivationBackward<T, ReLUActivation<T>>(output, delta, slope);
                break;
            case FusedActivation.LeakyReLU:
                DenseKernel.ActivationBackward<T, LeakyReLUActivation<T>>(output, delta, slope);
                break;
            case FusedActivation.Sigmoid:
                DenseKernel.ActivationBackward<T, SigmoidActivation<T>>(output, delta, slope);
                break;
            default:
                DenseKernel.ActivationBackward<T, TanhActivation<T>>(output, delta, slope);
                break;
        }
    }

    public static Tensor Torch(FusedActivation activation, Tensor z) => activation switch
    {
        FusedActivation.Identity => z,
        FusedActivation.ReLU => nn.functional.relu(z),
        FusedActivation.LeakyReLU => nn.functional.leaky_relu(z, Slope),
        FusedActivation.Sigmoid => nn.functional.sigmoid(z),
        _ => nn.functional.tanh(z),
    };
}
