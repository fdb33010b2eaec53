using System;

namespace GenNN;

/// <summary>
/// A fully connected layer: <c>a = activation(xᵀ·W + b)</c> with <c>W</c> stored input-major, <c>[inputs, units]</c>
/// (row <c>i</c> holds input <c>i</c>'s weights to every neuron; the transpose of PyTorch's <c>nn.Linear.weight</c>),
/// and <c>b</c> of length <c>units</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a dense layer of <paramref name="units"/> neurons.</summary>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of neurons (outputs) of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation applied to each neuron's weighted sum.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The layer's name, used for the generated members (<c>Hidden1Weights</c>, <c>Hidden1Size</c>, ...).
    /// Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// The probability that training drops each of the layer's outputs (inverted dropout: the kept ones are scaled by
    /// <c>1/(1 − p)</c>, so inference needs no rescaling). 0, the default, means no dropout. Shorthand for a
    /// <see cref="DropoutAttribute"/> layer after this one. Not allowed on the output layer.
    /// </summary>
    public double Dropout { get; set; }

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
}
