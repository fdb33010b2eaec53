using System;

namespace GenNN;

/// <summary>
/// Marks a <c>partial</c> class as a GenNN network. The generator reads the layer attributes on the same
/// declaration (top to bottom, input to output) and emits the network's complete implementation into the class.
/// </summary>
/// <example>
/// <code>
/// [Network]
/// [Input(2)]
/// [Dense(16, Activation.Tanh)]
/// [Dense(1, Activation.Sigmoid)]
/// [Loss(LossFunction.BinaryCrossEntropy)]
/// public partial class XorNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network computing in <see cref="Precision.Single"/> (<see langword="float"/>).</summary>
    public NetworkAttribute()
        : this(Precision.Single)
    {
    }

    /// <summary>Declares a network computing in the given precision.</summary>
    public NetworkAttribute(Precision precision) => Precision = precision;

    /// <summary>The element type of parameters, inputs and outputs.</summary>
    public Precision Precision { get; }

    /// <summary>
    /// The seed the generated parameterless constructor initializes the weights with. The same seed always gives
    /// the same weights.
    /// </summary>
    public long Seed { get; set; }
}
