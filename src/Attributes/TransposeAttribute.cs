using System;

namespace GenNN;

/// <summary>
/// Swaps the two axes of a signal or a sequence: <c>[A, B]</c> becomes <c>[B, A]</c> (PyTorch's <c>x.transpose(1, 2)</c>).
/// Convolutions and pools read <c>[channels, length]</c> and recurrent layers <c>[steps, features]</c>: between a
/// <c>[Conv1D]</c> and an <c>[Lstm]</c> it turns the convolution's channels into the features of each step, and the
/// other way round before a 1-D convolution or pool over a sequence. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TransposeAttribute : Attribute
{
    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
