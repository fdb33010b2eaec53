using System;

namespace GenNN;

/// <summary>
/// Inverted dropout (PyTorch's <c>nn.Dropout</c>): training zeroes each value with probability <c>rate</c> and scales the
/// kept ones by <c>1/(1 − rate)</c>, so inference, which passes values through unchanged, needs no rescaling. Masks
/// come from a seeded generator. <c>[Dense(..., Dropout = p)]</c> is shorthand for a dense layer followed by this one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Declares dropout with probability <paramref name="rate"/>, in [0, 1).</summary>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>The probability that training drops each value.</summary>
    public double Rate { get; }

    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
