using System;

namespace GenNN;

/// <summary>
/// Declares the shape of one input sample. Place it before the first layer. One dimension is a vector of features
/// (<c>[Input(784)]</c>); two are a multi-channel signal, channels first (<c>[Input(3, 128)]</c>: 3 channels of 128
/// samples, as <c>nn.Conv1d</c> reads it), or a sequence for the recurrent layers, steps first
/// (<c>[Input(50, 3)]</c>: 50 steps of 3 features, as <c>nn.LSTM</c> reads it with <c>batch_first</c>;
/// <c>[Transpose]</c> turns one into the other); three are an image, channels first like PyTorch's NCHW
/// (<c>[Input(1, 28, 28)]</c>). Inputs are passed flattened, row-major, in that order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares an input of the given shape.</summary>
    /// <param name="shape">One to three positive dimensions.</param>
    public InputAttribute(params int[] shape) => Shape = shape;

    /// <summary>The input's dimensions, outermost first.</summary>
    public int[] Shape { get; }
}
