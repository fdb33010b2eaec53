using System;

namespace GenNN;

/// <summary>
/// An activation as a layer of its own, on any shape (PyTorch's <c>nn.ReLU()</c>, <c>nn.GELU()</c>, ...): after a
/// normalization or pool, or wherever a separate step reads better. Dense and convolution layers also take an
/// activation argument; both forms compute the same.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute : Attribute
{
    /// <summary>Declares the activation layer.</summary>
    public ActivationAttribute(Activation function) => Function = function;

    /// <summary>The function applied to each value.</summary>
    public Activation Function { get; }

    /// <summary>
    /// The slope for negative inputs of <see cref="Activation.LeakyReLU"/> (PyTorch's default, 0.01). Only LeakyReLU
    /// reads it: given with another activation it is a compile-time error (GNN0034).
    /// </summary>
    public double NegativeSlope { get; set; } = 0.01;

    /// <summary>
    /// The scale of <see cref="Activation.ELU"/>'s negative part (PyTorch's default, 1). Only ELU reads it: given with
    /// another activation it is a compile-time error (GNN0034).
    /// </summary>
    public double Alpha { get; set; } = 1.0;

    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
