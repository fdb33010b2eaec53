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

    /// <summary>
    /// A weights file to compile into the network: a <c>.safetensors</c> file with PyTorch's <c>nn.Sequential</c>
    /// names (as <see cref="Serialization.Safetensors.Import{T}"/> reads them) or a GenNN model file (<c>.gennn</c>),
    /// added to the project as an <c>AdditionalFiles</c> item and named by its path from the project folder, or by its
    /// file name when that is unique (<c>Weights = "digits.safetensors"</c>).
    /// </summary>
    /// <remarks>
    /// The generator checks every tensor's name, shape and element type against the declared layers at compile time
    /// (a missing file or any mismatch is an error, GNN0026 to GNN0033) and emits the values as read-only data in the
    /// assembly: the parameterless constructor starts from the trained weights, without a file, a loader or start-up
    /// work, and <c>ResetToTrainedWeights()</c> returns to them. The constructor taking a seed and
    /// <c>InitializeParameters</c> still draw random weights. The package's build targets encode the file for the
    /// compiler; editing it regenerates only this network's weights.
    /// </remarks>
    public string? Weights { get; set; }
}
